// The benchmark's figures as rows, the targets as checks, and the markdown that shows both. Pure, so
// bench.test.ts can test it on small numbers.
import type { Sample } from "./drive.ts";

/** Issue 17's targets, as ratios measured in one run. */
export const TARGETS = {
  afterVsFresh: 0.8,
  lastVsFirst: 0.8,
  orderVsPrism: 5,
  orderVsCeiling: 0.3,
  getVsPrism: 10,
  rssBytesPerOrder: 2048,
  launchMs: 350,
} as const;

/** Medians of a row's rounds, errors summed. */
export interface Measured {
  rps: number;
  p99: number;
  errors: number;
}
export interface ScaleRow {
  key: string;
  fresh: Measured;
  after: Measured;
  ratio: number;
}
export interface CompareRow {
  key: string;
  mock: Measured;
  prism: Measured;
  vsPrism: number;
  ceiling?: Measured;
  vsCeiling?: number;
}
export interface FillWindow {
  orders: number;
  seconds: number;
}
export interface Fill {
  kind: string;
  orders: number;
  window: number;
  first: number;
  last: number;
  ratio: number;
  errors: number;
  seconds: number;
  windows: FillWindow[];
}
export interface Memory {
  orders: number;
  beforeKb: number;
  afterKb: number;
  bytesPerOrder: number;
}
export interface Results {
  machine: { cpu: string; cores: number; memoryGb: number; node: string; date: string };
  settings: Record<string, number> & {
    connections: number;
    rounds: number;
    durationS: number;
    orderRequests: number;
    trialRequests: number;
    wallS: number;
  };
  /** Orders the filled mock held when its rows began and when they ended. */
  held: { from: number; to: number };
  scaling: ScaleRow[];
  fill: Fill;
  memory: Memory;
  launch: { ms: number; samples: number[] };
  compare: CompareRow[];
  /** Durable mode (bench/durable.ts), when run. */
  durable?: { rps: number; p99: number; errors: number };
  stateFile?: { orders: number; errors: number; fileMb: number; restartMs: number };
  misses: string[];
}

const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
export const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);

export function measured(samples: Sample[] = []): Measured {
  return {
    rps: med(samples.map((s) => s.rps)),
    p99: med(samples.map((s) => s.p99)),
    errors: samples.reduce((n, s) => n + s.errors, 0),
  };
}

/**
 * The median of the rounds' own ratios a[i] / b[i]: both servers of a round ran seconds apart, so a machine that
 * slows down between rounds (this one's speed halved within a run) moves both sides of a ratio alike.
 */
export function pairedRatio(a: Sample[] = [], b: Sample[] = []): number {
  const n = Math.min(a.length, b.length);
  const each = Array.from({ length: n }, (_, i) => (b[i]!.rps > 0 ? a[i]!.rps / b[i]!.rps : 0));
  return n ? Math.round(med(each) * 100) / 100 : 0;
}

/** Samples are keyed `role|row`, role being fresh, filled, prism or ceiling, each list in round order. */
export function scaleRows(samples: Map<string, Sample[]>, keys: string[]): ScaleRow[] {
  return keys.map((key) => {
    const f = samples.get(`fresh|${key}`);
    const a = samples.get(`filled|${key}`);
    return { key, fresh: measured(f), after: measured(a), ratio: pairedRatio(a, f) };
  });
}

export function compareRows(samples: Map<string, Sample[]>, keys: string[]): CompareRow[] {
  return keys.map((key) => {
    const m = samples.get(`fresh|${key}`);
    const p = samples.get(`prism|${key}`);
    const row: CompareRow = { key, mock: measured(m), prism: measured(p), vsPrism: pairedRatio(m, p) };
    const c = samples.get(`ceiling|${key}`);
    if (c) {
      row.ceiling = measured(c);
      row.vsCeiling = pairedRatio(m, c);
    }
    return row;
  });
}

/** The fill's rate in its first and last window of `window` orders. */
export function fillSummary(kind: string, window: number, windows: FillWindow[], errors: number): Fill {
  const rate = (w?: FillWindow) => (w && w.seconds > 0 ? Math.round(w.orders / w.seconds) : 0);
  const first = rate(windows[0]);
  const last = rate(windows.at(-1));
  const orders = windows.reduce((n, w) => n + w.orders, 0);
  const seconds = Math.round(windows.reduce((n, w) => n + w.seconds, 0) * 10) / 10;
  return { kind, orders, window, first, last, ratio: ratio(last, first), errors, seconds, windows };
}

export function memory(orders: number, beforeKb: number, afterKb: number): Memory {
  return { orders, beforeKb, afterKb, bytesPerOrder: orders ? Math.round(((afterKb - beforeKb) * 1024) / orders) : 0 };
}

const isOrder = (key: string) => key.startsWith("createOrder");

export function scaleMiss(r: ScaleRow): string | undefined {
  if (r.fresh.errors || r.after.errors) return `${r.key}: ${r.fresh.errors + r.after.errors} errors`;
  if (r.ratio < TARGETS.afterVsFresh) return `${r.key}: after/fresh ${r.ratio} < ${TARGETS.afterVsFresh}`;
}

export function compareMiss(r: CompareRow): string | undefined {
  const errors = r.mock.errors + r.prism.errors + (r.ceiling?.errors ?? 0);
  if (errors) return `${r.key}: ${errors} errors`;
  const vsPrism = isOrder(r.key) ? TARGETS.orderVsPrism : TARGETS.getVsPrism;
  const out = [];
  if (r.vsPrism < vsPrism) out.push(`${r.key}: mock/Prism ${r.vsPrism} < ${vsPrism}`);
  // The node:http target is the order path's (a GET's ceiling is shown, as what bounds its ratio to Prism).
  if (isOrder(r.key) && r.vsCeiling !== undefined && r.vsCeiling < TARGETS.orderVsCeiling)
    out.push(`${r.key}: mock/node:http ${r.vsCeiling} < ${TARGETS.orderVsCeiling}`);
  return out.join("; ") || undefined;
}

export const fillMiss = (f: Fill) =>
  f.errors
    ? `fill: ${f.errors} errors`
    : f.ratio < TARGETS.lastVsFirst
      ? `fill: last/first ${f.ratio} < ${TARGETS.lastVsFirst}`
      : undefined;
export const memoryMiss = (m: Memory) =>
  m.bytesPerOrder > TARGETS.rssBytesPerOrder
    ? `RSS: ${m.bytesPerOrder} bytes per order > ${TARGETS.rssBytesPerOrder}`
    : undefined;
export const launchMiss = (ms: number) =>
  ms > TARGETS.launchMs ? `launch: ${ms} ms > ${TARGETS.launchMs}` : undefined;

/** Every row below its target (or with errors), one line each. */
export function misses(r: Omit<Results, "misses">): string[] {
  return [
    ...r.scaling.map(scaleMiss),
    fillMiss(r.fill),
    memoryMiss(r.memory),
    launchMiss(r.launch.ms),
    ...r.compare.map(compareMiss),
  ].filter((m): m is string => !!m);
}
