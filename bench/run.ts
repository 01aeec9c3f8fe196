// `npm run bench`: the mock against Prism's mock of the same spec and against a bare-Express ceiling, on
// loopback with autocannon. Interleaved rounds, medians reported; results go to bench/results/latest.json.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import autocannon from "autocannon";
import { fromRoot } from "../openapi/root.ts";
import { freePort } from "../contracts/prism.ts";
import { EXTENSIONS, expandBody, json } from "../mock/test/bodies.ts";

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;
const ORDERS_FOR_RSS = Number(process.env.BENCH_ORDERS ?? 100_000);
const ORDERS_FOR_STATE_FILE = Number(process.env.BENCH_DURABLE_ORDERS ?? 200_000);
const SPEC = fromRoot("openapi", "partner-portal.yaml");

interface Server {
  name: "mock" | "prism" | "ceiling";
  base: string;
  proc: ChildProcess;
  token: string;
  startupMs: number;
}

const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function launch(name: Server["name"], args: string[], probe: string): Promise<Server> {
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawn(
    process.execPath,
    args.map((a) => a.replace("$PORT", String(port))),
    { stdio: "ignore" },
  );
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      await fetch(`${base}${probe}`, { headers: { "User-Agent": "bench" } });
      break;
    } catch {
      if (performance.now() - t0 > 60_000) throw new Error(`${name} did not start`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  return { name, base, proc, token: "bench-token", startupMs: Math.round(performance.now() - t0) };
}

async function mockToken(base: string): Promise<string> {
  const r = await fetch(`${base}/auth/openapi/v1/oauth/token`, {
    method: "POST",
    headers: { "User-Agent": "bench", "Content-Type": "application/x-www-form-urlencoded" },
    body: "grant_type=pp_credentials&client_id=demo-client-id&client_secret=demo-client-secret",
  });
  return ((await r.json()) as { result: { token: string } }).result.token;
}

const ENDPOINTS = [
  {
    key: "GET purchase_product_info",
    method: "GET",
    path: "/pricing/openapi/purchase/v1/purchase_product_info?productId=14",
  },
  { key: "GET billing_contact_list", method: "GET", path: "/user/openapi/user/v1/client/billing_contact_list" },
  {
    key: "POST order/save",
    method: "POST",
    path: "/order/openapi/order/v1/save",
    body: json(expandBody(1, EXTENSIONS)),
  },
] as const;

function load(server: Server, ep: (typeof ENDPOINTS)[number], opts: { duration?: number; amount?: number } = {}) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: `${server.base}${ep.path}`,
        method: ep.method,
        connections: CONNECTIONS,
        ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? DURATION }),
        headers: {
          "User-Agent": "bench",
          Authorization: `Bearer ${server.token}`,
          ...("body" in ep ? { "Content-Type": "application/json" } : {}),
        },
        body: "body" in ep ? ep.body : undefined,
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
  });
}

async function main() {
  const mock = await launch("mock", [fromRoot("dist", "mock.mjs"), "--quiet", "--port", "$PORT"], "/__mock/health");
  mock.token = await mockToken(mock.base);
  const prism = await launch(
    "prism",
    [
      fromRoot("node_modules", "@stoplight", "prism-cli", "dist", "index.js"),
      "mock",
      SPEC,
      "-h",
      "127.0.0.1",
      "-p",
      "$PORT",
      "-v",
      "silent",
    ],
    "/",
  );
  // The ceiling serves the mock's own answers byte for byte, so response sizes match.
  const bodies: Record<string, string> = {};
  for (const ep of ENDPOINTS) {
    const r = await fetch(`${mock.base}${ep.path}`, {
      method: ep.method,
      headers: { "User-Agent": "bench", Authorization: `Bearer ${mock.token}`, "Content-Type": "application/json" },
      body: "body" in ep ? ep.body : undefined,
    });
    bodies[`${ep.method} ${ep.path.split("?")[0]}`] = await r.text();
  }
  const ceiling = await launch(
    "ceiling",
    ["--import", "tsx", fromRoot("bench", "ceiling.ts"), "$PORT", JSON.stringify(bodies)],
    "/",
  );
  const servers = [mock, prism, ceiling];

  type Sample = { rps: number; p50: number; p99: number; rss: number; errors: number };
  const samples = new Map<string, Sample[]>();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const ep of ENDPOINTS) {
      for (const s of round % 2 ? servers : [...servers].reverse()) {
        const r = await load(s, ep);
        const key = `${s.name}|${ep.key}`;
        const list = samples.get(key) ?? [];
        list.push({
          rps: r.requests.average,
          p50: r.latency.p50,
          p99: r.latency.p99,
          rss: rssMb(s.proc.pid!),
          errors: r.errors + r.non2xx,
        });
        samples.set(key, list);
        process.stderr.write(
          `round ${round} ${s.name.padEnd(7)} ${ep.key.padEnd(26)} ${Math.round(r.requests.average)} req/s  p99 ${r.latency.p99} ms  non-2xx ${r.non2xx}\n`,
        );
      }
    }
  }

  const rows = [];
  for (const ep of ENDPOINTS) {
    const med = (name: string) => {
      const xs = samples.get(`${name}|${ep.key}`)!;
      return {
        rps: Math.round(median(xs.map((x) => x.rps))),
        p50: median(xs.map((x) => x.p50)),
        p99: median(xs.map((x) => x.p99)),
        rss: median(xs.map((x) => x.rss)),
        errors: xs.reduce((n, x) => n + x.errors, 0),
      };
    };
    const m = med("mock");
    const p = med("prism");
    const c = med("ceiling");
    rows.push({
      endpoint: ep.key,
      mock: m,
      prism: p,
      ceiling: c,
      mockVsPrism: +(m.rps / p.rps).toFixed(2),
      mockVsCeiling: +(m.rps / c.rps).toFixed(2),
    });
  }

  // Memory after many orders: fresh mock, 100,000 valid orders, then RSS.
  const fresh = await launch("mock", [fromRoot("dist", "mock.mjs"), "--quiet", "--port", "$PORT"], "/__mock/health");
  fresh.token = await mockToken(fresh.base);
  const bulk = await load(fresh, ENDPOINTS[2], { amount: ORDERS_FOR_RSS });
  const afterOrders = { orders: bulk.requests.total, non2xx: bulk.non2xx, rssMb: rssMb(fresh.proc.pid!) };

  for (const s of [...servers, fresh]) s.proc.kill();

  // Durable mode: orders per second with --state-file (each acknowledged after its fdatasync, group-committed).
  const stateDir = mkdtempSync(join(tmpdir(), "bench-state-"));
  const durableArgs = (file: string) => [
    fromRoot("dist", "mock.mjs"),
    "--quiet",
    "--port",
    "$PORT",
    "--state-file",
    file,
  ];
  const durable = await launch("mock", durableArgs(join(stateDir, "rate.jsonl")), "/__mock/health");
  durable.token = await mockToken(durable.base);
  const durableSamples = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const r = await load(durable, ENDPOINTS[2]);
    durableSamples.push({ rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx });
    process.stderr.write(
      `round ${round} mock --state-file POST order/save ${Math.round(r.requests.average)} req/s  p99 ${r.latency.p99} ms\n`,
    );
  }
  durable.proc.kill();
  const durableRow = {
    rps: Math.round(median(durableSamples.map((x) => x.rps))),
    p99: median(durableSamples.map((x) => x.p99)),
    errors: durableSamples.reduce((n, x) => n + x.errors, 0),
  };

  // The state file after many orders (compacted past its threshold), and the restart time it gives.
  const bigFile = join(stateDir, "many.jsonl");
  const filled = await launch("mock", durableArgs(bigFile), "/__mock/health");
  filled.token = await mockToken(filled.base);
  const fill = await load(filled, ENDPOINTS[2], { amount: ORDERS_FOR_STATE_FILE });
  filled.proc.kill("SIGTERM");
  await new Promise((r) => filled.proc.once("exit", r));
  const restarted = await launch("mock", durableArgs(bigFile), "/__mock/health");
  restarted.proc.kill();
  const stateFile = {
    orders: fill.requests.total,
    non2xx: fill.non2xx,
    fileMb: +(statSync(bigFile).size / 2 ** 20).toFixed(1),
    restartMs: restarted.startupMs,
  };
  rmSync(stateDir, { recursive: true, force: true });
  const targets = {
    mockVsPrism: ">= 2.5 on every endpoint",
    mockVsCeiling: ">= 0.6 on GETs, >= 0.5 on the order POST",
    p99: "<= 20 ms at 50 connections",
    startup: "<= 500 ms",
    rssAfterOrders: "<= 200 MB after 100,000 orders",
  };
  const met = {
    mockVsPrism: rows.every((r) => r.mockVsPrism >= 2.5),
    mockVsCeiling: rows.every((r) => r.mockVsCeiling >= (r.endpoint.startsWith("POST") ? 0.5 : 0.6)),
    p99: rows.every((r) => r.mock.p99 <= 20),
    startup: mock.startupMs <= 500,
    rssAfterOrders: afterOrders.rssMb <= 200,
  };
  const machine = {
    cpu: cpus()[0]?.model ?? "?",
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString(),
  };
  const result = {
    machine,
    settings: { connections: CONNECTIONS, durationS: DURATION, rounds: ROUNDS },
    rows,
    startupMs: { mock: mock.startupMs, prism: prism.startupMs },
    afterOrders,
    durable: durableRow,
    stateFile,
    targets,
    met,
  };
  const outFile = process.env.BENCH_OUT ?? fromRoot("bench", "results", "latest.json");
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify(result, null, 2) + "\n");

  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  const out = [
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}; ${CONNECTIONS} connections, ${ROUNDS} rounds x ${DURATION} s, medians`,
    "",
    line(["endpoint", "server", "req/s", "p50 ms", "p99 ms", "RSS MB", "errors"]),
    line(["---", "---", "---:", "---:", "---:", "---:", "---:"]),
    ...rows.flatMap((r) =>
      (["mock", "prism", "ceiling"] as const).map((n) =>
        line([r.endpoint, n, r[n].rps, r[n].p50, r[n].p99, r[n].rss, r[n].errors]),
      ),
    ),
    "",
    line(["endpoint", "mock / Prism", "mock / ceiling"]),
    line(["---", "---:", "---:"]),
    ...rows.map((r) => line([r.endpoint, r.mockVsPrism, r.mockVsCeiling])),
    "",
    `Start-up, launch to first answer: mock ${mock.startupMs} ms, Prism ${prism.startupMs} ms`,
    `Mock RSS after ${afterOrders.orders} orders (${afterOrders.non2xx} not 2xx): ${afterOrders.rssMb} MB`,
    `Durable mode (--state-file), POST order/save: ${durableRow.rps} req/s, p99 ${durableRow.p99} ms, errors ${durableRow.errors}`,
    `State file after ${stateFile.orders} orders (${stateFile.non2xx} not 2xx): ${stateFile.fileMb} MB; restart to first answer ${stateFile.restartMs} ms`,
    `Results: ${outFile}`,
    "",
    ...Object.entries(targets).map(([k, v]) => `${met[k as keyof typeof met] ? "met   " : "MISSED"} ${k}: ${v}`),
  ];
  console.log(out.join("\n"));
}

await main();
