// Starts Prism (5.14, on Node 20) on the project's spec and stops it; used by contracts:prism and conformance.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fromRoot } from "../openapi/root.ts";

const PRISM = fromRoot("node_modules", "@stoplight", "prism-cli", "dist", "index.js");
const SPEC = fromRoot("openapi", "partner-portal.yaml");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export interface RunningPrism {
  base: string;
  proc: ChildProcess;
  log: () => string;
  stop(): Promise<void>;
}

/** `prism mock` or `prism proxy UPSTREAM --errors`, silent, on a free loopback port; resolves when it answers. */
export async function startPrism(mode: { mock: true } | { proxy: string }): Promise<RunningPrism> {
  const port = await freePort();
  const args = "mock" in mode ? ["mock", SPEC] : ["proxy", SPEC, mode.proxy, "--errors"];
  // Started with node directly: killing an npx wrapper would leave Prism running.
  const proc = spawn(process.execPath, [PRISM, ...args, "-h", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  proc.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`prism exited early:\n${log}`);
    try {
      await fetch(`${base}/__prism-ready`, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`prism did not answer within 30 s:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    base,
    proc,
    log: () => log,
    stop: async () => {
      proc.kill("SIGTERM");
      await exited;
    },
  };
}
