// Each account has a test clock: real time plus an offset (Account.clockOffsetMs) that only moves forward.
export const DAY_MS = 24 * 60 * 60 * 1000;
