/**
 * Obviously fake keys in real formats, built from FAKE/EXAMPLE/0000 filler so no fixture is a
 * real secret (and no secret scanner mistakes one for it). Each still matches its provider's shape.
 */
export function fill(seed: string, length: number): string {
  return seed.repeat(Math.ceil(length / seed.length)).slice(0, length);
}
export const alnum = (n: number) => fill('FAKE0EXAMPLE0test', n);
export const b64url = (n: number) => fill('FAKE_example-0', n);
export const hex = (n: number) => fill('0000fade', n);
export const digits = (n: number) => '0'.repeat(n);
export const base32 = (n: number) => fill('FAKEEXAMPLE', n);

export const fakeKeys = {
  openaiProject: (tag = '') => `sk-proj-${fill(`FAKE${tag}example0`, 74)}T3BlbkFJ${b64url(74)}`,
  anthropic: (tag = '') => `sk-ant-api03-${fill(`FAKE${tag}example0`, 93)}AA`,
  github: (tag = '') => `ghp_${fill(`FAKE0${tag}example0`, 36)}`,
  stripeLive: (tag = '') => `sk_live_${fill(`FAKE0${tag}example0`, 24)}`,
  stripeTest: (tag = '') => `sk_test_${fill(`FAKE0${tag}example0`, 24)}`,
};

/** More builders in the same spirit, for the service, router and CLI tests. */
export const moreFakeKeys = {
  google: (tag = '') => `AIza${fill(`FAKE${tag}example0`, 35)}`,
  /** Matches no provider's format: `add` needs an explicit provider for it. */
  unrecognised: (tag = '') => `FAKE-not-a-known-format-${tag}-0000-example`,
};
