/**
 * Obviously fake keys in real formats, built from repeated filler so no fixture is a real secret.
 * Each still matches its provider's documented shape.
 */
const fill = (seed: string, length: number) => seed.repeat(Math.ceil(length / seed.length)).slice(0, length);

export const fakeKeys = {
  openaiProject: () => `sk-proj-${fill('FAKE0example0', 74)}T3BlbkFJ${fill('FAKE0example0', 74)}`,
  anthropic: () => `sk-ant-api03-${fill('FAKE0example0', 93)}AA`,
  github: () => `ghp_${fill('FAKE0example0', 36)}`,
  stripeLive: () => `sk_live_${fill('FAKE0example0', 24)}`,
  stripeTest: () => `sk_test_${fill('FAKE0example0', 24)}`,
};
