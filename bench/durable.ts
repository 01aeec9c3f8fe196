// Durable mode: orders per second with --state-file (each acknowledged after its fdatasync, group-committed), and
// the state file's size and the restart time after BENCH_DURABLE_ORDERS orders (compacted past its threshold).
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bearer, drive, launch, median, mockArgs, stop } from "./drive.ts";
import { orderRequest } from "./endpoints.ts";
import type { Settings } from "./scaling.ts";

export interface Durable {
  durable: { rps: number; p99: number; errors: number };
  stateFile: { orders: number; errors: number; fileMb: number; restartMs: number };
}

export async function runDurable(s: Settings, orders: number, log: (line: string) => void): Promise<Durable> {
  const dir = mkdtempSync(join(tmpdir(), "bench-state-"));
  const order = orderRequest("purchase_service");
  try {
    const rate = await launch("durable", mockArgs("--state-file", join(dir, "rate.jsonl")));
    rate.token = await bearer(rate);
    const samples = [];
    for (let round = 1; round <= s.rounds; round++) {
      const r = await drive(rate, order, { seconds: s.durationS, amount: s.requests });
      samples.push(r);
      log(`round ${round} mock --state-file createOrder purchase_service ${r.rps} req/s  p99 ${r.p99} ms`);
    }
    await stop(rate);
    const file = join(dir, "many.jsonl");
    const filled = await launch("durable", mockArgs("--state-file", file));
    filled.token = await bearer(filled);
    const fill = await drive(filled, order, { seconds: 86_400, amount: orders, timeoutS: 120 });
    await stop(filled);
    const restarted = await launch("durable", mockArgs("--state-file", file));
    await stop(restarted);
    return {
      durable: {
        rps: median(samples.map((x) => x.rps)),
        p99: median(samples.map((x) => x.p99)),
        errors: samples.reduce((n, x) => n + x.errors, 0),
      },
      stateFile: {
        orders: fill.count,
        errors: fill.errors,
        fileMb: Math.round((statSync(file).size / 2 ** 20) * 10) / 10,
        restartMs: restarted.startupMs,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
