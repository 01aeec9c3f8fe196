// Starting servers, driving them with autocannon over keep-alive, and the few control calls the benchmark makes.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";
import { freePort } from "../contracts/prism.ts";
import { parseJson } from "../openapi/json.ts";
import { fromRoot } from "../openapi/root.ts";
import { ULTIMATE } from "../mock/test/bodies.ts";
import {
  BENCH_CREDENTIALS,
  orderRequest,
  seedInstance,
  tokenRequest,
  type OrderKind,
  type Request,
} from "./endpoints.ts";

export const CONNECTIONS = 50;

export interface Server {
  name: string;
  base: string;
  proc: ChildProcess;
  startupMs: number;
  token: string;
}

/** The built CLI with the benchmark's credentials; `extra` adds flags. */
export const mockArgs = (...extra: string[]) => [
  fromRoot("dist", "mock.mjs"),
  "--quiet",
  "--port",
  "$PORT",
  "--client-id",
  BENCH_CREDENTIALS.clientId,
  "--client-secret",
  BENCH_CREDENTIALS.clientSecret,
  "--exit-with-parent",
  ...extra,
];

// Every server still running is killed when the benchmark exits, however it exits.
const running = new Set<ChildProcess>();
process.once("exit", () => running.forEach((p) => p.kill()));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

/** Spawns `node args` ($PORT replaced) and polls `probe` until anything answers: launch to first answer. */
export async function launch(name: string, args: string[], probe = "/__mock/health"): Promise<Server> {
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawn(
    process.execPath,
    args.map((a) => a.replace("$PORT", String(port))),
    { stdio: "ignore" },
  );
  running.add(proc);
  proc.once("exit", () => running.delete(proc));
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      await fetch(`${base}${probe}`, { headers: { "User-Agent": "bench" } });
      break;
    } catch {
      if (proc.exitCode !== null) throw new Error(`${name} exited with ${proc.exitCode}`);
      if (performance.now() - t0 > 60_000) {
        proc.kill();
        throw new Error(`${name} did not start`);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  return { name, base, proc, token: "", startupMs: Math.round(performance.now() - t0) };
}

export async function stop(server: Server): Promise<void> {
  if (server.proc.exitCode !== null) return;
  const exited = new Promise((r) => server.proc.once("exit", r));
  server.proc.kill("SIGTERM");
  await exited;
}

export const rssKb = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface Sample {
  rps: number;
  count: number;
  seconds: number;
  p50: number;
  p99: number;
  /** Transport errors, timeouts and answers that were not 2xx. */
  errors: number;
}

export interface DriveOptions {
  /** Stop after this long (a cap when `amount` is given). */
  seconds: number;
  amount?: number;
  /** One bearer token per request, in turn (each trial needs an account of its own). */
  tokens?: string[];
  timeoutS?: number;
}

/**
 * One autocannon run; the rate is responses over the time from the start to the last response, which
 * autocannon's own once-a-second samples would blur for short runs.
 */
export function drive(server: Server, req: Request, opts: DriveOptions): Promise<Sample> {
  const headers: Record<string, string> = { "User-Agent": "bench" };
  if (req.key !== "requestToken") headers.Authorization = `Bearer ${server.token}`;
  if (req.contentType) headers["Content-Type"] = req.contentType;
  const tokens = opts.tokens;
  let next = 0;
  const perRequest = tokens && {
    requests: [
      {
        setupRequest: (r: autocannon.Request) => ({
          ...r,
          headers: { ...r.headers, Authorization: `Bearer ${tokens[next++ % tokens.length]}` },
        }),
      },
    ],
  };
  return new Promise((resolve, reject) => {
    let count = 0;
    let last = 0;
    const t0 = performance.now();
    const instance = autocannon(
      {
        url: `${server.base}${req.path}`,
        method: req.method,
        connections: Math.min(CONNECTIONS, opts.amount ?? CONNECTIONS),
        headers,
        body: req.body,
        sampleInt: 100,
        timeout: opts.timeoutS ?? 10,
        ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds }),
        ...perRequest,
      },
      (err, res) => {
        clearTimeout(cap);
        if (err) return reject(err);
        const seconds = (last - t0) / 1000;
        resolve({
          rps: count && seconds > 0 ? Math.round(count / seconds) : 0,
          count,
          seconds,
          p50: res.latency.p50,
          p99: res.latency.p99,
          errors: res.errors + res.timeouts + res.non2xx,
        });
      },
    );
    instance.on("response", () => {
      count++;
      last = performance.now();
    });
    const cap = opts.amount ? setTimeout(() => instance.stop(), opts.seconds * 1000) : undefined;
  });
}

/** One request with fetch; the answer parsed losslessly (IDs stay exact), and its text. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of many shapes; each caller reads one field
export async function call(server: Server, req: Request, token = server.token): Promise<{ result: any; text: string }> {
  const headers: Record<string, string> = { "User-Agent": "bench", Authorization: `Bearer ${token}` };
  if (req.contentType) headers["Content-Type"] = req.contentType;
  const r = await fetch(`${server.base}${req.path}`, { method: req.method, headers, body: req.body });
  const text = await r.text();
  if (!r.ok) throw new Error(`${server.name} ${req.key}: ${r.status} ${text.slice(0, 300)}`);
  return { result: (parseJson(text, "string") as { result: unknown }).result, text };
}

const control = (path: string): Request => ({
  key: path,
  method: "POST",
  path,
  contentType: "application/json",
  body: "{}",
});

export async function bearer(server: Server, creds = BENCH_CREDENTIALS): Promise<string> {
  return (await call(server, tokenRequest(creds.clientId, creds.clientSecret))).result.token;
}

/** Back to the seed, with a new token. */
export async function reset(server: Server): Promise<void> {
  await call(server, control("/__mock/reset"));
  server.token = await bearer(server);
}

/** Places one order; its orderId (empty for a trial). */
export async function placeOrder(server: Server, kind: OrderKind): Promise<string> {
  return (await call(server, orderRequest(kind))).result.orderId ?? "";
}

/** `n` new isolated accounts, a token for each; a few in flight. */
export async function newAccountTokens(server: Server, n: number): Promise<string[]> {
  const tokens: string[] = [];
  const one = async () => {
    const creds = (await call(server, control("/__mock/accounts"))).result;
    tokens.push(await bearer(server, creds));
  };
  for (let done = 0; done < n; done += 16) await Promise.all(Array.from({ length: Math.min(16, n - done) }, one));
  return tokens;
}

/** The renew_plan request that matches the seed instance's counts now. */
export async function renewRequest(server: Server): Promise<Request> {
  const { productNo } = seedInstance();
  const path = `/product/openapi/instance_product/v1/detail?productNo=${productNo}&productId=14`;
  const detail = (await call(server, { key: "detail", method: "GET", path })).result;
  const ultimate = (detail.services as { serviceId: string; quantity: number }[]).find(
    (s) => s.serviceId === String(ULTIMATE),
  );
  return orderRequest("renew_plan", { extensions: detail.extensions, ultimate: ultimate?.quantity ?? 0 });
}
