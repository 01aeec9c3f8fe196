// `npm run bench`: the mock's growth (fresh against filled with BENCH_SCALE_ORDERS orders), its launch time and
// RSS per stored order, the comparisons with Prism and bare node:http, and durable mode. Prints a markdown table,
// writes bench/results/latest.json (BENCH_OUT) and the generated block of docs/benchmark.md (BENCH_DOCS).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname } from "node:path";
import { fromRoot } from "../openapi/root.ts";
import { runDurable } from "./durable.ts";
import { BEGIN, markdown, readmeBlock, replaceBlock, resultsJson } from "./markdown.ts";
import { runScaling, settingsFromEnv } from "./scaling.ts";
import { misses, type Results } from "./table.ts";

const log = (line: string) => void process.stderr.write(`${line}\n`);
const settings = settingsFromEnv();
const durableOrders = Number(process.env.BENCH_DURABLE_ORDERS ?? 200_000);
const t0 = performance.now();

const scaling = await runScaling(settings, log);
const durable = durableOrders > 0 ? await runDurable(settings, durableOrders, log) : {};
const partial = {
  machine: {
    cpu: cpus()[0]?.model ?? "?",
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString(),
  },
  settings: { ...settings, requests: settings.requests ?? 0, wallS: Math.round((performance.now() - t0) / 1000) },
  ...scaling,
  ...durable,
};
const result: Results = { ...partial, misses: misses(partial) };

const table = markdown(result);
const outFile = process.env.BENCH_OUT ?? fromRoot("bench", "results", "latest.json");
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, await resultsJson({ ...result, markdown: table }));
const docs = process.env.BENCH_DOCS ?? fromRoot("docs", "benchmark.md");
mkdirSync(dirname(docs), { recursive: true });
writeFileSync(docs, replaceBlock(existsSync(docs) ? readFileSync(docs, "utf8") : "# Benchmark\n", table));
// The README shows the growth table too, between the same markers (a run with BENCH_DOCS set leaves it alone).
const readme = process.env.BENCH_README ?? (process.env.BENCH_DOCS ? undefined : fromRoot("README.md"));
if (readme && readFileSync(readme, "utf8").includes(BEGIN))
  writeFileSync(readme, replaceBlock(readFileSync(readme, "utf8"), readmeBlock(result)));
console.log(`${table}\n\nResults: ${outFile}; ${docs}; ${result.settings.wallS} s`);
