import type { Clock } from '../../main/clock.ts';

/** A clock tests can move. */
export class ManualClock implements Clock {
  #now: number;
  constructor(start = '2026-11-27T12:00:00.000Z') {
    this.#now = Date.parse(start);
  }
  now(): Date {
    return new Date(this.#now);
  }
  advance(ms: number): void {
    this.#now += ms;
  }
}
