// `npm run bench` as the README gives it, with tiny settings so it stays quick: it runs all three servers,
// reports every row, and writes its JSON. The real figures come from the full run, not from this test.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { fromRoot } from "../openapi/root.ts";

it("npm run bench runs end to end and writes its results", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "bench-")), "smoke.json");
  const proc = spawn("npm", ["run", "bench"], {
    cwd: fromRoot(),
    env: {
      ...process.env,
      BENCH_DURATION: "1",
      BENCH_ROUNDS: "1",
      BENCH_ORDERS: "2000",
      BENCH_DURABLE_ORDERS: "2000",
      BENCH_OUT: out,
      NO_COLOR: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  proc.stdout.on("data", (d: Buffer) => (text += d.toString()));
  proc.stderr.on("data", (d: Buffer) => (text += d.toString()));
  const code = await new Promise<number | null>((r) => proc.once("exit", r));
  expect(code, text).toBe(0);
  const result = JSON.parse(readFileSync(out, "utf8"));
  expect(result.rows.map((r: { endpoint: string }) => r.endpoint)).toEqual([
    "GET purchase_product_info",
    "GET billing_contact_list",
    "POST order/save",
  ]);
  for (const row of result.rows)
    for (const s of ["mock", "prism", "ceiling"]) expect(row[s].errors, `${row.endpoint} ${s}`).toBe(0);
  expect(result.afterOrders).toMatchObject({ orders: 2000, non2xx: 0 });
  expect(text).toMatch(/Start-up, launch to first answer: mock \d+ ms, Prism \d+ ms/);
  expect(result.durable.errors).toBe(0);
  expect(result.durable.rps).toBeGreaterThan(0);
  expect(result.stateFile).toMatchObject({ orders: 2000, non2xx: 0 });
  expect(text).toMatch(/State file after 2000 orders \(0 not 2xx\): [\d.]+ MB; restart to first answer \d+ ms/);
}, 120_000);
