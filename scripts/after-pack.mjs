// electron-builder afterPack hook: flips the Electron fuses decided in scripts/fuses.ts.
export default async function afterPack(context) {
  const { flipPackagedFuses } = await import('./fuses.ts');
  await flipPackagedFuses(context);
}
