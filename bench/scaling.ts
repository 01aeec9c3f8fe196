// The growth section: a fresh mock (reset before every round) beside one filled with BENCH_SCALE_ORDERS orders,
// Prism's mock of the same spec and bare node:http answering the mock's bytes, driven in interleaved rounds.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromRoot } from "../openapi/root.ts";
import {
  CONNECTIONS,
  bearer,
  call,
  drive,
  launch,
  median,
  mockArgs,
  newAccountTokens,
  placeOrder,
  renewRequest,
  reset,
  rssKb,
  stop,
  type Sample,
  type Server,
} from "./drive.ts";
import { ORDER_KINDS, orderRequest, readRequests, tokenRequest, type OrderKind, type Request } from "./endpoints.ts";
import { compareRows, fillSummary, memory, scaleRows, type FillWindow, type Results } from "./table.ts";

export interface Settings {
  durationS: number;
  rounds: number;
  /** Untimed rounds first, so no server's first timed round is its JIT's warm-up (BENCH_WARMUP, default 1). */
  warmupRounds: number;
  connections: number;
  orderRequests: number;
  trialRequests: number;
  scaleOrders: number;
  window: number;
  launches: number;
  /** When set, every round sends at most this many requests (the smoke test's short rounds). */
  requests?: number;
}

export function settingsFromEnv(env = process.env): Settings {
  const num = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
  const scaleOrders = num("BENCH_SCALE_ORDERS", 100_000);
  return {
    durationS: num("BENCH_DURATION", 3),
    rounds: num("BENCH_ROUNDS", 5),
    warmupRounds: num("BENCH_WARMUP", 1),
    connections: CONNECTIONS,
    orderRequests: num("BENCH_ORDER_REQUESTS", 20_000),
    trialRequests: num("BENCH_TRIAL_REQUESTS", 3000),
    scaleOrders,
    window: Math.min(10_000, Math.max(1, Math.floor(scaleOrders / 10))),
    launches: num("BENCH_LAUNCHES", 5),
    requests: env.BENCH_REQUESTS ? Number(env.BENCH_REQUESTS) : undefined,
  };
}

type Role = "fresh" | "filled" | "prism" | "ceiling";
interface Row {
  key: string;
  roles: Role[];
  kind?: OrderKind;
}

/** Every row: the token, every GET of the spec, each order kind; who answers each. */
function rows(): Row[] {
  return [
    { key: "requestToken", roles: ["fresh", "filled"] },
    ...readRequests().map((r) => ({ key: r.key, roles: ["fresh", "filled", "prism", "ceiling"] as Role[] })),
    ...ORDER_KINDS.map((kind) => ({
      key: orderRequest(kind).key,
      kind,
      roles: (kind === "purchase_service" || kind === "purchase_plan"
        ? ["fresh", "filled", "prism", "ceiling"]
        : ["fresh", "filled"]) as Role[],
    })),
  ];
}

interface Lab {
  servers: Record<Role, Server>;
  /** The order ID getOrder reads on each mock (its probe order; the spec's example elsewhere). */
  orderIds: Partial<Record<Role, string>>;
  held: number;
}

/** The lists' default page size (pageSize absent): what the fresh mock holds one page of. */
const PAGE = 25;

/** Puts a server in its state for one round of a row; the request (and the trial tokens) to send. */
async function prepare(lab: Lab, role: Role, row: Row, s: Settings): Promise<{ req: Request; tokens?: string[] }> {
  const server = lab.servers[role];
  if (role === "fresh") {
    await reset(server);
    // One full page of orders and products, so a list answers as many rows fresh as filled: the comparison is
    // then of the state's size alone, not of the answer's.
    for (let i = 0; i < PAGE; i++) lab.orderIds.fresh = await placeOrder(server, "purchase_plan");
  } else if (role === "filled") server.token = await bearer(server);
  if (row.key === "requestToken") return { req: tokenRequest() };
  if (!row.kind) {
    const id = lab.orderIds[role];
    return { req: readRequests(id ? { id } : {}).find((r) => r.key === row.key)! };
  }
  if (row.kind === "trial_plan")
    return { req: orderRequest("trial_plan"), tokens: await newAccountTokens(server, trialAccounts(s)) };
  if (row.kind === "renew_plan") return { req: await renewRequest(server) };
  return { req: orderRequest(row.kind) };
}

const trialCount = (s: Settings) => s.requests ?? s.trialRequests;
/** autocannon builds a connection's next request before it knows the round is over: spare accounts for that. */
const trialAccounts = (s: Settings) => trialCount(s) + 2 * Math.min(CONNECTIONS, trialCount(s));

async function measure(lab: Lab, role: Role, row: Row, s: Settings): Promise<Sample> {
  const { req, tokens } = await prepare(lab, role, row, s);
  const amount = s.requests ?? (row.kind === "trial_plan" ? s.trialRequests : row.kind ? s.orderRequests : undefined);
  const sample = await drive(lab.servers[role], req, { seconds: s.durationS, amount, tokens });
  if (role === "filled" && row.kind && row.kind !== "trial_plan") lab.held += sample.count - sample.errors;
  return sample;
}

/** Fills the mock with purchase_plan orders in windows, each window's time kept for the first/last rates. */
async function fill(
  server: Server,
  s: Settings,
  log: (line: string) => void,
): Promise<FillWindow[] & { errors?: number }> {
  const windows: FillWindow[] = [];
  let errors = 0;
  for (let done = 0; done < s.scaleOrders;) {
    server.token = await bearer(server); // a long fill outlives a 30-minute token
    const amount = Math.min(s.window, s.scaleOrders - done);
    const r = await drive(server, orderRequest("purchase_plan"), { seconds: 86_400, amount, timeoutS: 120 });
    windows.push({ orders: r.count, seconds: r.seconds });
    errors += r.errors;
    done += amount;
    log(`fill ${done} orders: last ${amount} at ${r.rps} orders/s, errors ${r.errors}`);
  }
  return Object.assign(windows, { errors });
}

async function launchMs(s: Settings): Promise<number[]> {
  const samples = [];
  for (let i = 0; i < s.launches; i++) {
    const m = await launch("mock", mockArgs());
    samples.push(m.startupMs);
    await stop(m);
  }
  return samples;
}

/**
 * The ceiling answers each order shape, and each GET row as the fresh mock holds it in a round (one page of
 * orders), with the mock's own bytes. It is asked the GETs without an order ID of its own (the spec's example).
 */
async function startCeiling(fresh: Server): Promise<Server> {
  await reset(fresh);
  const orders: Record<string, string> = {};
  for (const kind of ["purchase_service", "purchase_plan"] as const)
    orders[kind] = (await call(fresh, orderRequest(kind))).text;
  let id = "";
  for (let i = 0; i < PAGE; i++) id = await placeOrder(fresh, "purchase_plan");
  const asked = readRequests();
  const gets: Record<string, string> = {};
  for (const [i, req] of readRequests({ id }).entries()) gets[asked[i]!.path] = (await call(fresh, req)).text;
  const file = join(mkdtempSync(join(tmpdir(), "bench-ceiling-")), "bodies.json");
  writeFileSync(file, JSON.stringify({ orders, gets }));
  return launch("ceiling", ["--import", "tsx", fromRoot("bench", "ceiling.ts"), "$PORT", file], "/");
}

function startPrism(): Promise<Server> {
  const prism = fromRoot("node_modules", "@stoplight", "prism-cli", "dist", "index.js");
  const spec = fromRoot("openapi", "partner-portal.yaml");
  const args = [prism, "mock", spec, "-h", "127.0.0.1", "-p", "$PORT", "-v", "silent"];
  return launch("prism", args, "/").then((p) => Object.assign(p, { token: "bench-token" }));
}

/** Starts servers side by side; if one fails, stops the others. */
type Three<T> = [T, T, T];
async function startAll(starting: Three<Promise<Server>>): Promise<Three<Server>> {
  const settled = await Promise.allSettled(starting);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (!failed) return settled.map((r) => (r as PromiseFulfilledResult<Server>).value) as Three<Server>;
  await Promise.all(settled.flatMap((r) => (r.status === "fulfilled" ? [stop(r.value)] : [])));
  throw failed.reason;
}

export type Scaling = Omit<Results, "machine" | "settings" | "misses">;

export async function runScaling(s: Settings, log: (line: string) => void): Promise<Scaling> {
  const launches = await launchMs(s);
  log(`launch to first answer: ${launches.join(", ")} ms`);
  const maxAccounts = String((s.rounds + s.warmupRounds) * trialAccounts(s) + 10);
  // Room for the fill and every order round on the filled mock's one account.
  const orderRounds = (s.rounds + s.warmupRounds) * ORDER_KINDS.length * (s.requests ?? s.orderRequests);
  const maxOrders = String(Math.max(200_000, s.scaleOrders + orderRounds + 10 * CONNECTIONS + 1000));
  const args = mockArgs("--max-accounts", maxAccounts, "--max-orders-per-account", maxOrders);
  const [fresh, filled, prism] = await startAll([launch("fresh", args), launch("filled", args), startPrism()]);
  const ceiling = await startCeiling(fresh).catch(async (e) => {
    await Promise.all([fresh, filled, prism].map(stop));
    throw e;
  });
  const servers = { fresh, filled, prism, ceiling };
  log(
    `started: ${Object.values(servers)
      .map((x) => `${x.name} ${x.startupMs} ms`)
      .join(", ")}`,
  );
  try {
    filled.token = await bearer(filled);
    const lab: Lab = { servers, orderIds: { filled: await placeOrder(filled, "purchase_plan") }, held: 1 };
    const before = rssKb(filled.proc.pid!);
    const windows = await fill(filled, s, log);
    const after = rssKb(filled.proc.pid!);
    lab.held += windows.reduce((n, w) => n + w.orders, 0) - (windows.errors ?? 0);
    const from = lab.held;
    const samples = await rounds(lab, s, log);
    const all = rows();
    return {
      held: { from, to: lab.held },
      scaling: scaleRows(
        samples,
        all.map((r) => r.key),
      ),
      fill: fillSummary("purchase_plan", s.window, windows, windows.errors ?? 0),
      memory: memory(s.scaleOrders, before, after),
      launch: { ms: median(launches), samples: launches },
      compare: compareRows(
        samples,
        all.filter((r) => r.roles.includes("prism")).map((r) => r.key),
      ),
    };
  } finally {
    for (const server of Object.values(servers)) await stop(server);
  }
}

async function rounds(lab: Lab, s: Settings, log: (line: string) => void): Promise<Map<string, Sample[]>> {
  const samples = new Map<string, Sample[]>();
  for (let round = 1 - s.warmupRounds; round <= s.rounds; round++) {
    for (const row of rows()) {
      for (const role of round % 2 ? row.roles : [...row.roles].reverse()) {
        const sample = await measure(lab, role, row, s);
        if (round <= 0) {
          log(`warm-up ${role.padEnd(7)} ${row.key.padEnd(30)} ${sample.rps} req/s (not counted)`);
          continue;
        }
        const key = `${role}|${row.key}`;
        samples.set(key, [...(samples.get(key) ?? []), sample]);
        log(
          `round ${round} ${role.padEnd(7)} ${row.key.padEnd(30)} ${sample.rps} req/s  p99 ${sample.p99} ms  errors ${sample.errors}`,
        );
      }
    }
  }
  return samples;
}
