// Starts the built mock (dist/mock.mjs) as a user would, and reads what it prints.
import { spawn, type ChildProcess } from "node:child_process";
import { fromRoot } from "../../openapi/root.ts";

export const BUNDLE = fromRoot("dist", "mock.mjs");

export interface Running {
  proc: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function runMock(args: string[], env: Record<string, string> = {}): Running & { ready: Promise<string> } {
  const proc = spawn(process.execPath, [BUNDLE, "--port", "0", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  const ready = new Promise<string>((resolve, reject) => {
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    proc.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    void exited.then((code) => reject(new Error(`mock exited with ${code}: ${err}`)));
  });
  const running = {
    proc,
    out: () => out,
    err: () => err,
    exited,
    ready,
    stop: (signal: NodeJS.Signals = "SIGTERM") => (proc.kill(signal), exited),
  };
  // Mocks that exit on purpose (bad flags) never become ready; nobody awaits that rejection.
  ready.catch(() => undefined);
  return running;
}
