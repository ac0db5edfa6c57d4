import type { Bridge } from '../../contract/index.ts';

declare global {
  interface Window {
    /** The preload's bridge (in the app) or the test harness's (in a browser). */
    keyward: Bridge;
  }
}
