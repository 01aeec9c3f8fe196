// The benchmark's table building and flagging on small numbers, its request list against the spec, and one
// end-to-end run with tiny settings. Speed is never asserted: the figures come from `npm run bench`.
import { check } from "prettier";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../openapi/load.ts";
import { fromRoot } from "../openapi/root.ts";
import type { Sample } from "./drive.ts";
import { ORDER_KINDS, readRequests, UNMEASURED } from "./endpoints.ts";
import { BEGIN, END, markdown, replaceBlock, resultsJson } from "./markdown.ts";
import { compareRows, fillSummary, memory, misses, scaleRows, type Results } from "./table.ts";

const sample = (rps: number, errors = 0): Sample => ({ rps, count: rps, seconds: 1, p50: 1, p99: 2, errors });
const samples = (entries: Record<string, number[]>) =>
  new Map(Object.entries(entries).map(([k, xs]) => [k, xs.map((x) => sample(x))]));

function results(over: Partial<Results> = {}): Omit<Results, "misses"> {
  const s = samples({
    "fresh|listOrders": [100, 300, 200],
    "filled|listOrders": [150, 170, 160],
    "prism|listOrders": [10, 20, 20],
    "fresh|createOrder purchase_plan": [1000],
    "filled|createOrder purchase_plan": [900],
    "prism|createOrder purchase_plan": [200],
    "ceiling|createOrder purchase_plan": [3000],
  });
  return {
    machine: { cpu: "cpu", cores: 2, memoryGb: 1, node: "v20", date: "2026-12-01T00:00:00Z" },
    settings: { connections: 50, rounds: 3, durationS: 1, orderRequests: 10, trialRequests: 5, wallS: 1 },
    held: { from: 201, to: 250 },
    scaling: scaleRows(s, ["listOrders", "createOrder purchase_plan"]),
    fill: fillSummary(
      "purchase_plan",
      20,
      [
        { orders: 20, seconds: 1 },
        { orders: 20, seconds: 1.25 },
      ],
      0,
    ),
    memory: memory(200, 1000, 1200),
    launch: { ms: 300, samples: [300] },
    compare: compareRows(s, ["listOrders", "createOrder purchase_plan"]),
    ...over,
  };
}

describe("table", () => {
  it("takes the median of each row's rounds and the ratio after / fresh", () => {
    const [orders, plan] = results().scaling;
    expect(orders).toMatchObject({ fresh: { rps: 200 }, after: { rps: 160 }, ratio: 0.8 });
    expect(plan).toMatchObject({ fresh: { rps: 1000 }, after: { rps: 900 }, ratio: 0.9 });
  });

  it("takes each ratio as the median of the rounds' own ratios, so a round on a slowed machine moves both sides", () => {
    // The machine runs at half speed from the middle of round 2 to the middle of round 3: each side's median alone
    // would give 160 / 30 = 5.33.
    const s = samples({
      "fresh|getOrder": [300, 150, 160],
      "filled|getOrder": [330, 140, 320],
      "prism|getOrder": [30, 15, 32],
    });
    expect(compareRows(s, ["getOrder"])[0]).toMatchObject({ mock: { rps: 160 }, prism: { rps: 30 }, vsPrism: 10 });
    expect(scaleRows(s, ["getOrder"])[0]).toMatchObject({ ratio: 1.1 });
  });

  it("rates the fill's first and last window and the RSS per stored order", () => {
    const r = results();
    expect(r.fill).toMatchObject({ orders: 40, first: 20, last: 16, ratio: 0.8, seconds: 2.3 });
    expect(r.memory.bytesPerOrder).toBe(1024);
  });

  it("compares with Prism and, where measured, with node:http", () => {
    const [get, post] = results().compare;
    expect(get).toMatchObject({ vsPrism: 10 });
    expect(get!.ceiling).toBeUndefined();
    expect(post).toMatchObject({ vsPrism: 5, vsCeiling: 0.33 });
  });

  it("flags nothing at exactly the targets", () => {
    expect(misses(results())).toEqual([]);
  });

  it("flags each row just below its target, and any errors", () => {
    const s = samples({
      "fresh|listOrders": [1000],
      "filled|listOrders": [790],
      "prism|listOrders": [101],
      // A GET's node:http figure is shown, not held to the order path's target.
      "ceiling|listOrders": [10000],
      "fresh|createOrder purchase_plan": [1000],
      "filled|createOrder purchase_plan": [1000],
      "prism|createOrder purchase_plan": [201],
      "ceiling|createOrder purchase_plan": [3400],
    });
    s.get("filled|createOrder purchase_plan")![0]!.errors = 1;
    const bad = results({
      scaling: scaleRows(s, ["listOrders", "createOrder purchase_plan"]),
      fill: fillSummary(
        "purchase_plan",
        1000,
        [
          { orders: 1000, seconds: 1 },
          { orders: 1000, seconds: 1.26 },
        ],
        0,
      ),
      memory: memory(200, 1000, 1401),
      launch: { ms: 351, samples: [351] },
      compare: compareRows(s, ["listOrders", "createOrder purchase_plan"]),
    });
    expect(misses(bad)).toEqual([
      "listOrders: after/fresh 0.79 < 0.8",
      "createOrder purchase_plan: 1 errors",
      "fill: last/first 0.79 < 0.8",
      "RSS: 2053 bytes per order > 2048",
      "launch: 351 ms > 350",
      "listOrders: mock/Prism 9.9 < 10",
      "createOrder purchase_plan: mock/Prism 4.98 < 5; createOrder purchase_plan: mock/node:http 0.29 < 0.3",
    ]);
  });

  it("marks the flagged rows in the markdown and lists them", () => {
    const r = results({ launch: { ms: 400, samples: [400] } });
    const text = markdown({ ...r, misses: misses(r) });
    expect(text).toContain("| listOrders | 200 | 160 | 0.8 | 2 / 2 | 0 |  |");
    expect(text).toMatch(/Launch to first answer .*: 400 ms, median of 1 .*\*\*below target\*\*/);
    expect(text).toContain("- launch: 400 ms > 350");
  });

  it("replaces only the generated block, and appends one where none is", () => {
    const doc = `# B\n\nmethod\n\n${BEGIN}\n\nold\n\n${END}\n\nafter\n`;
    const once = replaceBlock(doc, "new");
    expect(once).toBe(`# B\n\nmethod\n\n${BEGIN}\n\nnew\n\n${END}\n\nafter\n`);
    expect(replaceBlock(once, "new")).toBe(once);
    expect(replaceBlock("# B\n", "x")).toBe(`# B\n\n${BEGIN}\n\nx\n\n${END}\n`);
  });
});

describe("requests", () => {
  it("has one row per GET operation of the spec, each with its required parameters from the spec's examples", () => {
    const spec = loadSpec();
    const gets = Object.values(spec.paths)
      .flatMap((item) => (item.get ? [(item.get as { operationId: string }).operationId] : []))
      .filter((id) => !(id in UNMEASURED));
    const reqs = readRequests();
    expect(reqs.map((r) => r.key)).toEqual(gets);
    expect(gets.length).toBeGreaterThan(10);
    for (const r of reqs) expect(r.path, r.key).not.toMatch(/[{}]/);
    expect(reqs.find((r) => r.key === "getInstanceProduct")!.path).toBe(
      "/product/openapi/instance_product/v1/detail?productNo=3076913644890832896&productId=14",
    );
  });

  it("takes a value the running mock knows over the example", () => {
    expect(readRequests({ id: "1782099" }).find((r) => r.key === "getOrder")!.path).toBe(
      "/order/openapi/order/v1/get/1782099",
    );
  });

  it("refuses a required parameter with neither example nor value", () => {
    const spec = structuredClone(loadSpec());
    const op = spec.paths["/order/openapi/order/v1/get/{id}"]!.get as { parameters: Record<string, unknown>[] };
    delete op.parameters.find((p) => p.name === "id")!.example;
    expect(() => readRequests({}, spec)).toThrow("getOrder: no example for required parameter id");
  });
});

it("writes the results file as the project's Prettier check wants it (a committed run must pass npm run lint)", async () => {
  // Two misses fit on one line of 120 characters but not of 80, Prettier's default.
  const value = {
    misses: ["createOrder purchase_service: mock/Prism 4.56 < 5", "createOrder purchase_plan: 4.53 < 5"],
  };
  const text = await resultsJson(value);
  const style = JSON.parse(readFileSync(fromRoot(".prettierrc.json"), "utf8")) as Record<string, unknown>;
  expect(await check(text, { ...style, parser: "json" })).toBe(true);
  expect(JSON.parse(text)).toEqual(value);
});

// The whole run on tiny settings: every row measured without an error, the JSON and the docs block written.
it("bench/run.ts runs end to end on tiny settings and writes its JSON and the docs block", async () => {
  expect(existsSync(fromRoot("dist", "mock.mjs")), "npm run build first").toBe(true);
  const dir = mkdtempSync(join(tmpdir(), "bench-"));
  const docs = join(dir, "benchmark.md");
  if (existsSync(fromRoot("docs", "benchmark.md"))) copyFileSync(fromRoot("docs", "benchmark.md"), docs);
  else writeFileSync(docs, "# Benchmark\n");
  const env = {
    ...process.env,
    ...{ BENCH_SCALE_ORDERS: "200", BENCH_REQUESTS: "30", BENCH_ROUNDS: "1", BENCH_DURATION: "2" },
    ...{ BENCH_LAUNCHES: "1", BENCH_DURABLE_ORDERS: "100", BENCH_OUT: join(dir, "r.json"), BENCH_DOCS: docs },
  };
  const proc = spawn(process.execPath, ["--import", "tsx", fromRoot("bench", "run.ts")], { env, stdio: "pipe" });
  let text = "";
  proc.stdout.on("data", (d: Buffer) => (text += d.toString()));
  proc.stderr.on("data", (d: Buffer) => (text += d.toString()));
  const code = await new Promise<number | null>((r) => proc.once("exit", r));
  expect(code, text).toBe(0);
  const written = readFileSync(join(dir, "r.json"), "utf8");
  const r = JSON.parse(written) as Results;
  expect(await resultsJson(JSON.parse(written))).toBe(written);
  const gets = readRequests().map((x) => x.key);
  expect(r.scaling.map((x) => x.key)).toEqual(["requestToken", ...gets, ...ORDER_KINDS.map((k) => `createOrder ${k}`)]);
  for (const row of r.scaling) expect(row.fresh.errors + row.after.errors, row.key).toBe(0);
  expect(r.compare.map((x) => x.key)).toEqual([...gets, "createOrder purchase_service", "createOrder purchase_plan"]);
  for (const row of r.compare) expect(row.mock.errors + row.prism.errors + (row.ceiling?.errors ?? 0)).toBe(0);
  // node:http answered every compared row with the mock's bytes (a target it did not know would be a 404 error).
  expect(r.compare.filter((x) => x.ceiling).length).toBe(r.compare.length);
  expect(r.fill).toMatchObject({ orders: 200, window: 20, errors: 0 });
  expect(r.fill.windows).toHaveLength(10);
  expect(r.held.from).toBe(201);
  expect(r.stateFile).toMatchObject({ orders: 100, errors: 0 });
  const doc = readFileSync(docs, "utf8");
  expect(doc.split(BEGIN)).toHaveLength(2);
  expect(doc).toContain(markdown(r));
  expect((r as Results & { markdown: string }).markdown).toBe(markdown(r));
}, 240_000);
