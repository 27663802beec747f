import type { Clock } from "../../src/delivery/clock.js";

/** A clock the test moves by hand. */
export class FakeClock implements Clock {
  private t: number;
  constructor(start: string | number) {
    this.t = typeof start === "number" ? start : Date.parse(start);
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: string | number): void {
    this.t = typeof at === "number" ? at : Date.parse(at);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
