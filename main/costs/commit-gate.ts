/**
 * The commit gate an import worker shares with the main thread: one Int32 that either side moves
 * out of OPEN with a compare-and-swap, so exactly one wins. The worker claims it just before its
 * write transaction; a lock claims it to stop the worker. A lock that finds the commit already
 * claimed lets the worker finish (one short transaction on its own connection, closed when it
 * ends) instead of killing it after SQLite committed and before it could say so, which would
 * report "nothing was saved" about rows that were (seen once in CI).
 */
const OPEN = 0;
const COMMITTING = 1;
const ABORTED = 2;

export function claimCommit(gate: Int32Array): boolean {
  return Atomics.compareExchange(gate, 0, OPEN, COMMITTING) === OPEN;
}

export function claimAbort(gate: Int32Array): boolean {
  return Atomics.compareExchange(gate, 0, OPEN, ABORTED) === OPEN;
}
