/**
 * Korean particles (josa) that depend on the word before them: 을/를, 이/가, 은/는, 과/와, 으로/로.
 * A Korean message marks the word with a tag, `<obj>{label}</obj> 삭제할까요?`, and the tag adds the
 * particle the inserted word needs (formatjs rich-text elements, see i18n/intl.ts). English
 * messages never use these tags.
 *
 * Hand-written rather than a library's: the words Keyward inserts are mostly Latin (provider
 * names, labels such as "prod"), which Hangul-only josa helpers leave to a neutral "을(를)". The
 * reading of Latin words below is a heuristic for how Korean speakers say them; when it cannot
 * tell, it falls back to the form without a final consonant, the common case for loanwords.
 */

/** How the word before the particle ends: with no final consonant, with ㄹ, or with another one. */
type Ending = 'open' | 'rieul' | 'closed';

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
const RIEUL_FINAL = 8;

/** Digits as read in Sino-Korean: 영 일 이 삼 사 오 육 칠 팔 구 (10, 100, 1000: 십 백 천, all closed). */
const digitEndings: Record<string, Ending> = {
  '0': 'closed',
  '1': 'rieul',
  '2': 'open',
  '3': 'closed',
  '4': 'open',
  '5': 'open',
  '6': 'closed',
  '7': 'rieul',
  '8': 'rieul',
  '9': 'open',
};

/** One digit right after a Latin letter is read in English: S3 에스쓰리, Web3 웹쓰리, Auth0 오스제로, Llama3 라마쓰리. */
const englishDigitEndings: Record<string, Ending> = {
  '0': 'open', // 제로
  '1': 'closed', // 원
  '2': 'open',
  '3': 'open',
  '4': 'open',
  '5': 'open',
  '6': 'open', // 식스
  '7': 'closed', // 세븐
  '8': 'closed', // 에잇
  '9': 'closed', // 나인
};

/** Letters read one by one (API, AWS, GCP): 엘 엠 엔 알 close, the others (에이, 비, 씨, …) are open. */
const letterNameEndings: Record<string, Ending> = { l: 'rieul', r: 'rieul', m: 'closed', n: 'closed' };

/**
 * Word ends the rules below read wrongly, each with its reading. Kept to words that turn up in
 * provider names and labels; a longer word ending in one (Watchdog, Paycheck) reads the same.
 */
const exceptions: ReadonlyArray<readonly [suffix: string, ending: Ending]> = [
  ['check', 'open'], // 체크, where -eck is otherwise 덱, 넥
  ['dog', 'closed'], // Datadog 데이터독, where -g is otherwise 그 (로그, 태그)
  ['groq', 'closed'], // 그록
];

/**
 * How a Latin word's last syllable sounds in Korean. Most final consonants of a loanword get a
 * vowel of their own and leave the word open: Stripe 스트라이프, Discord 디스코드, box 박스,
 * keys 키스, tested 테스티드, Docker 도커, light 라이트, DeepSeek 딥시크. What closes it:
 */
function latinWordEnding(word: string): Ending {
  // An acronym is read letter by letter: "API" 에이피아이, "GCP" 지씨피, "HTML" 에이치티엠엘; so is
  // one at the end of a word: "OpenAI" 오픈에이아이, "ChatGPT" 챗지피티. A longer capitalised word
  // with a vowel is read as a word, as in variable names: "GITHUB_TOKEN" 토큰, "SLACK" 슬랙, "JSON" 제이슨.
  const allCaps = word === word.toUpperCase();
  const acronym = allCaps
    ? word.length <= 3 || !/[AEIOUY]/.test(word)
      ? word
      : undefined
    : /[a-z]([A-Z]{2,5})$/.exec(word)?.[1];
  if (acronym) return letterNameEndings[acronym.at(-1)!.toLowerCase()] ?? 'open';
  const lower = word.toLowerCase();
  for (const [suffix, ending] of exceptions) if (lower.endsWith(suffix)) return ending;
  if (/(l|le)$/.test(lower)) return 'rieul'; // Google 구글, Mistral 미스트랄, Airtable 에어테이블
  // A final m, n or ng, also before a silent e: Telegram 텔레그램, Notion 노션, Billing 빌링, Pipeline 파이프라인, Runtime 런타임.
  if (/(m|n|ng|me|ne)$/.test(lower)) return 'closed';
  // -out, -ook, -oup close although two vowels come first: Checkout 체크아웃, Webhook 웹훅, Group 그룹.
  if (/(out|ook|oup)$/.test(lower)) return 'closed';
  // One short vowel before k, c, t, p or b closes the syllable: Slack 슬랙, Anthropic 앤트로픽,
  // Chatbot 챗봇, App 앱, Web 웹, GitLab 깃랩. Not -ub: GitHub 깃허브, Sub 서브.
  if (/(^|[^aeiou])([aeiou](ck|k|c|tt?|pp?)|[aeio]b)$/.test(lower)) return 'closed';
  return 'open'; // Agent 에이전트, Cohere 코히어, Perplexity 퍼플렉시티, prod 프로드
}

function endingOf(word: string): Ending {
  // Closing brackets, quotes and spaces are not read: the particle follows the last spoken character.
  const trimmed = word.replace(/[\s)\]}"'’”»›.,!?…]+$/u, '');
  const last = trimmed.at(-1);
  if (!last) return 'open';
  const code = last.codePointAt(0)!;
  if (code >= HANGUL_FIRST && code <= HANGUL_LAST) {
    const final = (code - HANGUL_FIRST) % 28;
    if (final === 0) return 'open';
    return final === RIEUL_FINAL ? 'rieul' : 'closed';
  }
  if (last in digitEndings) return (/[A-Za-z]\d$/.test(trimmed) ? englishDigitEndings : digitEndings)[last]!;
  const latin = /[A-Za-z]+$/.exec(trimmed);
  return latin ? latinWordEnding(latin[0]) : 'open';
}

/** Each tag's particle after a closed syllable, after ㄹ, and after an open one. */
const particles = {
  obj: { closed: '을', rieul: '을', open: '를' },
  subj: { closed: '이', rieul: '이', open: '가' },
  topic: { closed: '은', rieul: '은', open: '는' },
  and: { closed: '과', rieul: '과', open: '와' },
  // 으로 after a closed syllable, but 로 after ㄹ as after a vowel (서울로, 파일로).
  to: { closed: '으로', rieul: '로', open: '로' },
} as const;

export type JosaTag = keyof typeof particles;
export const josaTags = Object.keys(particles) as JosaTag[];

/** The word with the particle it takes: withJosa('OpenAI', 'obj') is "OpenAI를". */
export function withJosa(word: string, tag: JosaTag): string {
  return word + particles[tag][endingOf(word)];
}

/**
 * The tags as formatjs rich-text elements. Values inserted into messages are strings, so the
 * chunks are strings; anything else (a React element) gets the word untouched and both forms.
 */
export function josaElements<Chunk>(): Record<JosaTag, (chunks: Array<string | Chunk>) => string | Array<string | Chunk>> {
  const element = (tag: JosaTag) => (chunks: Array<string | Chunk>) => {
    if (chunks.every((chunk) => typeof chunk === 'string')) return withJosa(chunks.join(''), tag);
    const { closed, open } = particles[tag];
    return [...chunks, `${closed}(${open})`];
  };
  return Object.fromEntries(josaTags.map((tag) => [tag, element(tag)])) as Record<
    JosaTag,
    (chunks: Array<string | Chunk>) => string | Array<string | Chunk>
  >;
}
