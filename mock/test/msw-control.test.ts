// The control API through partnerPortalHandlers answers what it answers on a port: every control operation of
// openapi/mock-control.yaml, and its refusals, sent to both and compared (status, headers, body).
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJson } from "../../openapi/json.ts";
import { compiledControlSpec } from "../../openapi/compiled.ts";
import { startMock, type MockHandle } from "../index.ts";
import { partnerPortalHandlers, VENDOR_BASE_URL } from "../msw.ts";
import { expandBody, json } from "./bodies.ts";

interface Seen {
  status: number;
  headers: Record<string, string>;
  text: string;
  body: any;
}

const HOP = ["connection", "keep-alive", "transfer-encoding"];
// Values that differ between any two mocks (timing, memory, random credentials and IDs), not between adapters.
const VOLATILE = new Set([
  "requestId",
  "memoryMb",
  "at",
  "time",
  "ms",
  "now",
  "clientId",
  "clientSecret",
  "id",
  "ucId",
]);
const VOLATILE_KEY = /(Time|Date)$/;
const VOLATILE_TEXT = /^(acct|fault)_|^\d{4}-\d\d-\d\dT/;
const SANDBOX = /sandbox-[0-9a-f]+/g;

function normalise(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [
        k,
        (VOLATILE.has(k) || VOLATILE_KEY.test(k)) && x !== "demo-client-id" ? "<volatile>" : normalise(x),
      ]),
    );
  if (typeof v !== "string") return v;
  return VOLATILE_TEXT.test(v) ? "<volatile>" : v.replace(SANDBOX, "sandbox-<id>");
}

async function call(base: string, method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const r = await fetch(base + path, {
    method,
    headers: { "User-Agent": "t", ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body }),
  });
  const text = await r.text();
  const seen: Seen = {
    status: r.status,
    headers: Object.fromEntries([...r.headers].filter(([k]) => !HOP.includes(k) && k !== "date")),
    text,
    body: text ? parseJson(text) : undefined,
  };
  return seen;
}

/** One request to both mocks; they must answer alike. Resolves to the MSW answer and the port answer. */
async function both(
  targets: { msw: string; port: string },
  method: string,
  path: (t: "msw" | "port") => string,
  body?: string,
  headers?: Record<string, string>,
) {
  const viaMsw = await call(targets.msw, method, path("msw"), body, headers);
  const viaPort = await call(targets.port, method, path("port"), body, headers);
  const label = `${method} ${path("port")}`;
  expect(viaMsw.status, label).toBe(viaPort.status);
  expect(viaMsw.headers["content-type"], label).toBe(viaPort.headers["content-type"]);
  expect(Object.keys(viaMsw.headers).sort(), label).toEqual(Object.keys(viaPort.headers).sort());
  expect(viaMsw.headers.allow, label).toBe(viaPort.headers.allow);
  expect(Number(viaMsw.headers["content-length"]), label).toBe(Buffer.byteLength(viaMsw.text));
  expect(viaMsw.text.length, `${label}: an empty body through MSW`).toBeGreaterThan(0);
  expect(normalise(viaMsw.body), label).toEqual(normalise(viaPort.body));
  return { msw: viaMsw, port: viaPort };
}

const server = setupServer(...partnerPortalHandlers());
let port: MockHandle;
beforeAll(async () => {
  server.listen({ onUnhandledRequest: "bypass" });
  port = await startMock();
});
afterAll(async () => {
  server.close();
  await port.close();
});

describe("the control API through MSW and on a port", () => {
  it("answers every control operation alike, in one script", async () => {
    const t = { msw: VENDOR_BASE_URL, port: port.url };
    const same = (p: string) => () => p;
    const done = new Set<string>();
    const op = async (id: string, method: string, path: (k: "msw" | "port") => string, body?: string) => {
      done.add(id);
      return both(t, method, path, body);
    };
    await op("health", "GET", same("/__mock/health"));
    await op("listAccounts", "GET", same("/__mock/accounts"));
    const created = await op("createAccount", "POST", same("/__mock/accounts"), "{}");
    const iso = { msw: created.msw.body.result.clientId, port: created.port.body.result.clientId };
    await op("getAccount", "GET", (k) => `/__mock/accounts/${iso[k]}`);
    await op("advanceClock", "POST", (k) => `/__mock/accounts/${iso[k]}/clock/advance`, '{"seconds":60}');
    await op("advanceDemoClock", "POST", same("/__mock/clock/advance"), '{"seconds":60}');
    await op("setPaymentMode", "POST", same("/__mock/accounts/demo-client-id/payment"), '{"mode":"manual"}');
    // A pending order to settle, placed through each.
    const orderNo = { msw: "", port: "" };
    for (const k of ["msw", "port"] as const) {
      const form = "grant_type=pp_credentials&client_id=demo-client-id&client_secret=demo-client-secret";
      const token = await fetch(`${t[k]}/auth/openapi/v1/oauth/token`, {
        method: "POST",
        headers: { "User-Agent": "t", "Content-Type": "application/x-www-form-urlencoded" },
        body: form,
      }).then(async (r) => (parseJson(await r.text()) as any).result.token as string);
      const order = await call(t[k], "POST", "/order/openapi/order/v1/save", json(expandBody()), {
        Authorization: `Bearer ${token}`,
      });
      expect(order.body.result.orderStatus, order.text).toBe("pending");
      orderNo[k] = order.body.result.orderNo;
    }
    const path = (k: "msw" | "port") => `/__mock/accounts/demo-client-id/orders/${orderNo[k]}/settle`;
    await op("settleOrder", "POST", path, '{"outcome":"succeed"}');
    await op("injectFault", "POST", same("/__mock/faults"), '{"kind":"error","operationId":"listOrders","status":503}');
    await op("listFaults", "GET", same("/__mock/faults"));
    await op("clearFaults", "DELETE", same("/__mock/faults"), "{}");
    const log = await op("listRequests", "GET", same("/__mock/requests"));
    expect(log.msw.body.result.length).toBeGreaterThan(10);
    await op("reset", "POST", same("/__mock/reset"), "{}");
    done.add("events"); // below: it streams on a port only
    const spec = compiledControlSpec().operations.map((o) => o.operationId);
    expect([...done].sort()).toEqual([...new Set(spec)].sort());
  });

  it("answers refusals alike: unknown path, wrong method, bad body, unknown account, wrong type, foreign Origin", async () => {
    const t = { msw: VENDOR_BASE_URL, port: port.url };
    const cases: Array<[string, string, string | undefined, Record<string, string>?, number?]> = [
      ["GET", "/__mock/nope", undefined, {}, 404],
      ["PUT", "/__mock/reset", "{}", {}, 405],
      ["POST", "/__mock/faults", '{"kind":"eror"}', {}, 400],
      ["POST", "/__mock/faults", "{oops", {}, 400],
      ["GET", "/__mock/accounts/nobody", undefined, {}, 404],
      ["POST", "/__mock/reset", "{}", { "Content-Type": "text/plain" }, 415],
      ["GET", "/__mock/health", undefined, { Origin: "https://evil.example" }, 403],
    ];
    for (const [method, path, body, headers, status] of cases) {
      const r = await both(t, method, () => path, body, headers);
      expect(r.msw.status, `${method} ${path}`).toBe(status);
      expect(r.msw.body.detailMessage).toMatch(/^[A-Za-z-]+: /);
    }
  });

  it("the live log streams on a port and answers a clear 404 through MSW", async () => {
    const r = await call(VENDOR_BASE_URL, "GET", "/__mock/events");
    expect(r.status).toBe(404);
    expect(r.body.code).toBe("api_not_found");
    expect(r.body.detailMessage).toContain("GET /__mock/requests");
    const ac = new AbortController();
    const live = await fetch(`${port.url}/__mock/events`, { signal: ac.signal });
    expect([live.status, live.headers.get("content-type")]).toEqual([200, "text/event-stream"]);
    ac.abort();
  });
});

describe("a control token through MSW", () => {
  const locked = setupServer(...partnerPortalHandlers({ controlToken: "s3cret", baseUrl: "https://locked.example" }));
  let lockedPort: MockHandle;
  beforeAll(async () => {
    server.close();
    locked.listen({ onUnhandledRequest: "bypass" });
    lockedPort = await startMock({ controlToken: "s3cret" });
  });
  afterAll(async () => {
    locked.close();
    server.listen({ onUnhandledRequest: "bypass" });
    await lockedPort.close();
  });

  it("refuses a call without it and takes one with it, as on a port", async () => {
    const t = { msw: "https://locked.example", port: lockedPort.url };
    const without = await both(t, "GET", () => "/__mock/health");
    expect([without.msw.status, without.msw.body.result.field]).toEqual([401, "X-Mock-Control-Token"]);
    const withIt = await both(t, "GET", () => "/__mock/health", undefined, { "X-Mock-Control-Token": "s3cret" });
    expect(withIt.msw.status).toBe(200);
  });
});

describe("after server.close()", () => {
  it("nothing of the handlers keeps the process alive, live log asked for or not", async () => {
    const { spawn } = await import("node:child_process");
    const fixture = new URL("./msw-exit.fixture.ts", import.meta.url).pathname;
    const proc = spawn(process.execPath, ["--import", "tsx", fixture], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
    // The child exits by itself or the test times out: no kill here.
    const code = await new Promise<number | null>((r) => proc.once("exit", r));
    expect([code, out.trim()]).toEqual([0, "200 404 200"]);
  }, 60_000);
});
