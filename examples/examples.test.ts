// Every example runs as a user would run it, and prints what it did.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../openapi/root.ts";

function run(args: string[]): Promise<{ code: number | null; out: string }> {
  const proc = spawn(process.execPath, args, {
    cwd: fromRoot(),
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((r) => proc.once("exit", (code) => r({ code, out })));
}
const tsx = fromRoot("node_modules", "tsx", "dist", "cli.mjs");
const vitest = fromRoot("node_modules", "vitest", "vitest.mjs");

describe("examples", () => {
  it("npx tsx examples/tutorials.ts: both tutorials against startMock", async () => {
    const { code, out } = await run([tsx, "examples/tutorials.ts"]);
    expect(code, out).toBe(0);
    expect(out).toMatch(/free trial: instance \d+, productNo \d{19}, status succeed/);
    expect(out).toContain("expansion: order GQ3401181709772259328, instance 1948832, status succeed");
    expect(out).toContain("refused as expected: trial_already_used");
  });

  it("a vitest globalSetup with startMock, testing an integrator function", async () => {
    const { code, out } = await run([vitest, "run", "--config", "examples/startmock/vitest.config.ts"]);
    expect(code, out).toBe(0);
    expect(out).toMatch(/mock started at http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toContain("ordered 5 seats: order GQ3401181709772259328 on instance 1948832");
    expect(out).toContain("mock closed");
    expect(out).toMatch(/Tests\s+2 passed/);
  });

  it("the same function through the MSW handlers at the vendor's URL", async () => {
    const { code, out } = await run([vitest, "run", "--config", "examples/msw/vitest.config.ts"]);
    expect(code, out).toBe(0);
    expect(out).toContain("ordered 7 seats through MSW: order GQ3401181709772259328");
    expect(out).toMatch(/Tests\s+1 passed/);
  });
});
