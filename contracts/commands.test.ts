// The README's commands, run as a user runs them: `npm start` in one shell, `npm run contracts` in another,
// and `npm run contracts:prism`.
import { spawn } from "node:child_process";
import { afterAll, describe, expect, it, vi } from "vitest";
import { fromRoot } from "../openapi/root.ts";
import { freePort } from "./prism.ts";

function npm(args: string[], env: Record<string, string> = {}) {
  // Detached: its own process group, so stopping it also stops what npm started.
  const proc = spawn("npm", args, {
    cwd: fromRoot(),
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once("exit", (c) => r(c)));
  return {
    proc,
    exited,
    out: () => out,
    kill: () => {
      try {
        process.kill(-proc.pid!, "SIGTERM");
      } catch {
        /* already gone */
      }
    },
  };
}

const started: Array<ReturnType<typeof npm>> = [];
afterAll(() => {
  for (const s of started) if (s.proc.exitCode === null && s.proc.signalCode === null) s.kill();
});

describe("README commands", () => {
  it("npm start, then npm run contracts against it with the demo credentials", async () => {
    const port = await freePort();
    const mock = npm(["start"], { PORT: String(port) });
    started.push(mock);
    const deadline = Date.now() + 60_000;
    while (!mock.out().includes("listening on")) {
      if (mock.proc.exitCode !== null || Date.now() > deadline)
        throw new Error(`npm start did not come up:\n${mock.out()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(mock.out()).toContain(`listening on http://127.0.0.1:${port}`);
    const run = npm(["run", "contracts"], {
      PARTNER_API_BASE_URL: `http://127.0.0.1:${port}`,
      PARTNER_API_CLIENT_ID: "demo-client-id",
      PARTNER_API_CLIENT_SECRET: "demo-client-secret",
    });
    expect(await run.exited, run.out()).toBe(0);
    expect(run.out()).toContain("contract target: project mock at");
    expect(run.out()).toMatch(/Tests +\d+ passed/);
    expect(run.out()).not.toContain("demo-client-secret");
    mock.kill();
    await mock.exited;
    expect(mock.out()).toContain("stopping");
  }, 120_000);

  it("npm start uses the current build, and a SIGTERM to npm's own PID (what `npm start &` leaves in $!) stops the mock", async () => {
    const port = await freePort();
    const proc = spawn("npm", ["start", "--", "--quiet"], {
      cwd: fromRoot(),
      env: { ...process.env, NO_COLOR: "1", PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
    proc.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const t0 = performance.now();
    await vi.waitFor(() => expect(out).toContain("listening on"), { timeout: 30_000, interval: 20 });
    // Measured, not asserted (the README gives the figure): launch to the banner.
    console.log(`npm start: banner ${Math.round(performance.now() - t0)} ms after launch`);
    expect(out).not.toContain("building");
    const health = () =>
      fetch(`http://127.0.0.1:${port}/__mock/health`).then(
        () => "serving",
        () => "stopped",
      );
    expect(await health()).toBe("serving");
    proc.kill("SIGTERM"); // npm itself, not its process group
    await expect.poll(health, { timeout: 2000, interval: 100 }).toBe("stopped");
  }, 60_000);

  it("npm run contracts without a target says what to set", async () => {
    const run = npm(["run", "contracts"], {
      PARTNER_API_BASE_URL: "",
      PARTNER_API_CLIENT_ID: "",
      PARTNER_API_CLIENT_SECRET: "",
    });
    expect(await run.exited).not.toBe(0);
    expect(run.out()).toContain(
      "set PARTNER_API_BASE_URL, PARTNER_API_CLIENT_ID, PARTNER_API_CLIENT_SECRET in the environment",
    );
  }, 60_000);

  it("npm run contracts:prism", async () => {
    const run = npm(["run", "contracts:prism"]);
    expect(await run.exited, run.out()).toBe(0);
    expect(run.out()).toContain("contract target: Prism mock at");
  }, 120_000);
});
