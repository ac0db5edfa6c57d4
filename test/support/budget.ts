/**
 * How much of a randomised or size-driven test to run. `npm test` (and so CI) runs every behaviour
 * at a pull-request size; `npm run test:soak` sets KEYWARD_SOAK=1 and runs the full budgets whose
 * figures docs/reliability.md records. A test's own knob (KEYWARD_IMPORT_FUZZ_RUNS=20000, …)
 * overrides both, for a one-off longer run or a quick replay.
 */
export function budget(knob: string, sizes: { pr: number; soak: number }): number {
  const given = process.env[knob];
  if (given !== undefined && given !== '') {
    const n = Number(given);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${knob}=${given}: give a whole number, at least 1.`);
    return n;
  }
  return soaking() ? sizes.soak : sizes.pr;
}

/** True under `npm run test:soak`. */
export function soaking(): boolean {
  return process.env.KEYWARD_SOAK === '1';
}
