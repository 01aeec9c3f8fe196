// The results as markdown: printed by `npm run bench` and written between the markers of docs/benchmark.md.
import { format, resolveConfig } from "prettier";
import { fromRoot } from "../openapi/root.ts";
import { UNMEASURED } from "./endpoints.ts";
import {
  TARGETS,
  compareMiss,
  fillMiss,
  launchMiss,
  memoryMiss,
  scaleMiss,
  type Measured,
  type Results,
} from "./table.ts";

export const BEGIN = "<!-- bench:begin (written by npm run bench; edits between the markers are overwritten) -->";
export const END = "<!-- bench:end -->";

const n = (x: number) => x.toLocaleString("en-US");
const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
const flag = (miss: string | undefined) => (miss ? "**below target**" : "");
const errs = (...ms: (Measured | undefined)[]) => ms.reduce((k, m) => k + (m?.errors ?? 0), 0);

function scalingTable(r: Results): string[] {
  const after = `after ${n(r.fill.orders)} orders`;
  return [
    line(["request", "fresh req/s", `${after} req/s`, "after / fresh", "p99 ms fresh / after", "errors", ""]),
    line(["---", "---:", "---:", "---:", "---:", "---:", "---"]),
    ...r.scaling.map((s) =>
      line([
        s.key,
        n(s.fresh.rps),
        n(s.after.rps),
        s.ratio,
        `${s.fresh.p99} / ${s.after.p99}`,
        errs(s.fresh, s.after),
        flag(scaleMiss(s)),
      ]),
    ),
  ];
}

function compareTable(r: Results): string[] {
  return [
    line(["request", "mock req/s", "Prism req/s", "mock / Prism", "node:http req/s", "mock / node:http", "errors", ""]),
    line(["---", "---:", "---:", "---:", "---:", "---:", "---:", "---"]),
    ...r.compare.map((c) =>
      line([
        c.key,
        n(c.mock.rps),
        n(c.prism.rps),
        c.vsPrism,
        c.ceiling ? n(c.ceiling.rps) : "",
        c.vsCeiling ?? "",
        errs(c.mock, c.prism, c.ceiling),
        flag(compareMiss(c)),
      ]),
    ),
  ];
}

function durableLines({ durable, stateFile }: Results): string[] {
  if (!durable || !stateFile) return [];
  return [
    `Durable mode (\`--state-file\`), createOrder purchase_service: ${n(durable.rps)} req/s, p99 ${durable.p99} ms, ` +
      `errors ${durable.errors}. State file after ${n(stateFile.orders)} orders (errors ${stateFile.errors}): ` +
      `${stateFile.fileMb} MB; restart to first answer ${n(stateFile.restartMs)} ms.`,
    "",
  ];
}

export function markdown(r: Results): string {
  const m = r.machine;
  const s = r.settings;
  const { fill, memory } = r;
  const mark = (miss: string | undefined) => (miss ? " **below target**" : "");
  return [
    `Run ${m.date.slice(0, 10)}: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}. ${s.connections} connections, ` +
      `${s.rounds} interleaved rounds of at most ${s.durationS} s (order rounds: at most ${n(s.orderRequests)} orders, ` +
      `trials ${n(s.trialRequests)}) after ${s.warmupRounds ?? 0} untimed warm-up round(s), medians; each ratio is the median of the rounds' own ratios.`,
    "",
    `**Growth.** Fresh: the seed plus one page (25) of orders, reset before every round. After: one mock filled with ` +
      `${n(fill.orders)} ${fill.kind} orders (it held ${n(r.held.from)} orders when its rows began, ${n(r.held.to)} when they ended).`,
    "",
    ...scalingTable(r),
    "",
    ...Object.entries(UNMEASURED).map(([op, why]) => `Not measured: ${op} (${why}).`),
    "",
    `Fill: ${n(fill.orders)} ${fill.kind} orders over HTTP, ${s.connections} in flight on keep-alive, ${fill.seconds} s. ` +
      `First ${n(fill.window)}: ${n(fill.first)} orders/s; last ${n(fill.window)}: ${n(fill.last)} orders/s; ` +
      `last / first ${fill.ratio} (target ≥ ${TARGETS.lastVsFirst}); errors ${fill.errors}.${mark(fillMiss(fill))}`,
    "",
    `RSS: ${n(Math.round(memory.beforeKb / 1024))} MB before the fill, ${n(Math.round(memory.afterKb / 1024))} MB after: ` +
      `${n(memory.bytesPerOrder)} bytes per stored order (target ≤ ${n(TARGETS.rssBytesPerOrder)}).${mark(memoryMiss(memory))}`,
    "",
    `Launch to first answer of \`node dist/mock.mjs\`: ${r.launch.ms} ms, median of ${r.launch.samples.length} ` +
      `(target ≤ ${TARGETS.launchMs} ms).${mark(launchMiss(r.launch.ms))}`,
    "",
    `**Against Prism and bare node:http** (the fresh mock's rounds above; targets: every GET ≥ ${TARGETS.getVsPrism}× ` +
      `Prism, createOrder ≥ ${TARGETS.orderVsPrism}× Prism and ≥ ${TARGETS.orderVsCeiling} of node:http):`,
    "",
    ...compareTable(r),
    "",
    ...durableLines(r),
    r.misses.length ? `Below target (${r.misses.length}):` : "Every row meets its target.",
    ...r.misses.map((x) => `- ${x}`),
  ].join("\n");
}

/** The README's part: the growth table and the fill, with a pointer to the rest. */
export function readmeBlock(r: Results): string {
  const { fill } = r;
  return [
    `Measured by \`npm run bench\` on ${r.machine.date.slice(0, 10)} (${r.machine.cores} cores, Node ${r.machine.node}): each ` +
      `request on a fresh mock and on one holding ${n(fill.orders)} ${fill.kind} orders, side by side.`,
    "",
    ...scalingTable(r),
    "",
    `Fill: first ${n(fill.window)} orders at ${n(fill.first)} orders/s, last ${n(fill.window)} at ${n(fill.last)} orders/s ` +
      `(${fill.ratio}). Against Prism and bare node:http, memory, launch time and the state file: ` +
      `[docs/benchmark.md](docs/benchmark.md).`,
  ].join("\n");
}

/** `doc` with the text between the markers replaced by `block` (markers appended when absent). */
export function replaceBlock(doc: string, block: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  const inner = `${BEGIN}\n\n${block}\n\n${END}`;
  if (start < 0 || end < start) return `${doc.trimEnd()}\n\n${inner}\n`;
  return doc.slice(0, start) + inner + doc.slice(end + END.length);
}

/** The results file's text, formatted with the project's own Prettier settings (as `npm run lint` checks it). */
export async function resultsJson(value: unknown): Promise<string> {
  const style = (await resolveConfig(fromRoot("bench", "results", "latest.json"))) ?? {};
  return format(JSON.stringify(value, null, 2), { ...style, parser: "json" });
}
