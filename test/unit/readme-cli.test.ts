import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Issue 18, item 8: `npm run keyward -- …` writes every argument (labels, notes, search terms,
 * file names) to npm's debug logs, so the README's way to run the CLI must not be it.
 */
describe('the README’s way to run the CLI', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const commandLines = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) => block[1]!.split('\n'));

  it('never runs it through npm run in an example', () => {
    expect(commandLines.filter((line) => /npm run keyward/.test(line))).toEqual([]);
    expect(commandLines.some((line) => /(^|\| )keyward /.test(line))).toBe(true);
  });

  it('says why npm run is not the way', () => {
    expect(readme).toMatch(/Not through `npm run keyward -- …`:\*\* npm writes every argument/);
  });
});
