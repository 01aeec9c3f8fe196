// A test clock: real time plus an offset that only moves forward. Each account has its own.
export class Clock {
  constructor(public offsetMs = 0) {}
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("the clock only moves forward");
    this.offsetMs += ms;
    return this.now();
  }
}

export const DAY_MS = 24 * 60 * 60 * 1000;
