/**
 * `npm run i18n:check`: English (each message's defaultMessage in the code) and Korean
 * (i18n/ko/<area>.json) hold the same messages. Fails, naming the file and the message, on:
 *   - a message in the code with no Korean, or Korean for a message no code uses;
 *   - a message without an explicit id of the form <area>.<name>, or one whose Korean sits in
 *     another area's file;
 *   - Korean that is not valid ICU, or whose arguments differ from the English ones
 *     (a `{count}` lost or renamed would show the raw placeholder), or that uses a tag English
 *     does not have other than the particle tags of i18n/josa.ts;
 *   - Korean that asks in 해요체 (…세요) where the app writes 합니다체 (…십시오).
 * The CLI (main/cli.ts, main/cli/) stays English and is not read; contract/ is, for the words main,
 * the CLI and the window share (contract/key-kinds.ts, contract/schema-words.ts).
 */
import { extract } from '@formatjs/cli-lib';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { globSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { josaTags } from '../i18n/josa.ts';

const sources = globSync(['renderer/src/**/*.{ts,tsx}', 'main/**/*.ts', 'contract/**/*.ts'], {
  exclude: (path) => path === 'main/cli.ts' || path.startsWith('main/cli/') || /\.d\.ts$/.test(path),
}).sort();

interface Extracted {
  defaultMessage?: string;
  file?: string;
  start?: number;
}

/** "file:line" of an extracted message, from the character offset the extractor gives. */
function locate({ file, start }: Extracted): string {
  if (!file) return 'the code';
  if (start === undefined) return file;
  const line = readFileSync(file, 'utf8').slice(0, start).split('\n').length;
  return `${file}:${line}`;
}

const english = JSON.parse(
  await extract(sources, { throws: true, extractSourceLocation: true, idInterpolationPattern: '[sha512:contenthash:hex:8]' }),
) as Record<string, Extracted>;

const problems: string[] = [];
const idShape = /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9-]+)+$/;

/** The Korean catalog: every message with the file it came from. */
const korean = new Map<string, { file: string; message: string }>();
for (const file of globSync('i18n/ko/*.json').sort()) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${file}: not valid JSON (${(error as Error).message})`);
    continue;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push(`${file}: must be one object of "id": "message"`);
    continue;
  }
  for (const [id, message] of Object.entries(parsed)) {
    if (typeof message !== 'string') problems.push(`${file}: "${id}" must be a string`);
    else if (korean.has(id)) problems.push(`${file}: "${id}" is also in ${korean.get(id)!.file}`);
    else korean.set(id, { file, message });
  }
}

/** Argument names and tag names a message uses, plural/select branches included. */
function shape(elements: MessageFormatElement[], into = { args: new Set<string>(), tags: new Set<string>() }) {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      into.tags.add(element.value);
      shape(element.children, into);
      continue;
    }
    into.args.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) shape(option.value, into);
    }
  }
  return into;
}

const sameSet = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((item) => b.has(item));
const list = (set: Set<string>) => (set.size ? [...set].map((name) => `{${name}}`).join(', ') : 'none');

for (const [id, extracted] of Object.entries(english)) {
  const { defaultMessage } = extracted;
  const where = locate(extracted);
  if (!idShape.test(id)) {
    problems.push(`${where}: "${defaultMessage}" needs an explicit id of the form <area>.<name> (got "${id}")`);
    continue;
  }
  if (defaultMessage === undefined) {
    problems.push(`${where}: "${id}" has no defaultMessage (the English text)`);
    continue;
  }
  const area = id.split('.')[0]!;
  const translation = korean.get(id);
  if (!translation) {
    problems.push(`${where}: "${id}" has no Korean; add it to i18n/ko/${area}.json`);
    continue;
  }
  if (basename(translation.file, '.json') !== area) {
    problems.push(`${translation.file}: "${id}" belongs in i18n/ko/${area}.json`);
  }
  let englishShape;
  let koreanShape;
  try {
    englishShape = shape(parse(defaultMessage));
  } catch (error) {
    problems.push(`${where}: "${id}" English is not valid ICU (${(error as Error).message})`);
    continue;
  }
  try {
    koreanShape = shape(parse(translation.message));
  } catch (error) {
    problems.push(`${translation.file}: "${id}" is not valid ICU (${(error as Error).message})`);
    continue;
  }
  if (!sameSet(englishShape.args, koreanShape.args)) {
    problems.push(`${translation.file}: "${id}" uses ${list(koreanShape.args)} but the English uses ${list(englishShape.args)}`);
  }
  // One register, the formal polite 합니다체 (docs/i18n.md): its request is 하십시오, not the 해요체 하세요.
  if (/세요(?=[\s.,)!?]|$)/.test(translation.message)) {
    problems.push(`${translation.file}: "${id}" asks in 해요체 (…세요); write 합니다체 (…십시오)`);
  }
  const allowedTags = new Set<string>([...englishShape.tags, ...josaTags]);
  for (const tag of koreanShape.tags) {
    if (!allowedTags.has(tag)) problems.push(`${translation.file}: "${id}" uses <${tag}>, which the English does not have`);
  }
}

for (const [id, { file }] of korean) {
  if (!(id in english)) problems.push(`${file}: "${id}" is used nowhere in the code; remove it`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  console.error(`\ni18n: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  process.exit(1);
}
console.log(`i18n: ${Object.keys(english).length} messages, English and Korean complete (${sources.length} files read)`);
