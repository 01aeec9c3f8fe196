// Hostile input, generated (fast-check, fixed seed): every request below is wrong in some way. Each must get a
// 4xx envelope with a non-success code and a detailMessage, never a 5xx, and change nothing; the server then
// answers normally. FUZZ_SEED=n reruns with another seed; a failure prints the seed and the shrunk case.
import http, { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMock } from "../create.ts";
import type { MockApp } from "../app.ts";
import { compiledSpec } from "../../openapi/compiled.ts";
import { parseJson, stringifyJson } from "../../openapi/json.ts";
import { expandBody, trialBody } from "./bodies.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
let mock: MockApp;
let server: Server;
let base: string;
let token: string;
let tried = 0;

beforeAll(async () => {
  console.log(`hostile input: fast-check seed ${SEED} (FUZZ_SEED to change)`);
  mock = await createMock({ quiet: true, strict: true });
  server = createServer(mock.handler).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const r = await fetch(`${base}/auth/openapi/v1/oauth/token`, {
    method: "POST",
    headers: { "User-Agent": "fuzz", "Content-Type": "application/x-www-form-urlencoded" },
    body: "grant_type=pp_credentials&client_id=demo-client-id&client_secret=demo-client-secret",
  });
  token = ((await r.json()) as { result: { token: string } }).result.token;
});
afterAll(() => {
  console.log(`hostile input: ${tried} requests tried, ${mock.violations.length} strict-mode violations`);
  server.close();
});

const snapshot = () => {
  const a = mock.service.account("demo-client-id")!;
  return JSON.stringify([a.instances, a.orders, a.trialsUsed, mock.service.ids.toJSON()]);
};

interface Req {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** node:http adds no default headers (fetch would add its own User-Agent). */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  // Frame the body explicitly: Node sends a GET or DELETE body without Content-Length otherwise.
  if (body !== undefined) headers = { ...headers, "Content-Length": String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    // A fresh connection each time: a kept-alive socket the server closes while idle would reset the next request.
    const req = http.request(`${base}${path}`, { method, headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode!, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Sends a request and checks the answer is a clean 4xx refusal that changed nothing. */
/** Sends a hostile request and checks it was refused cleanly, changing nothing; returns status and code. */
async function refusal(req: Req): Promise<{ status: number; code: string }> {
  tried++;
  const before = snapshot();
  const headers: Record<string, string> = { "User-Agent": "fuzz", Authorization: `Bearer ${token}`, ...req.headers };
  for (const [k, v] of Object.entries(headers)) if (v === "") delete headers[k];
  const r = await send(req.method ?? "POST", req.path ?? "/order/openapi/order/v1/save", headers, req.body);
  const text = r.text;
  const where = `${req.method ?? "POST"} ${req.path ?? "save"} ${JSON.stringify(req.body?.slice(0, 200))} -> ${r.status} ${text.slice(0, 300)}`;
  expect(r.status, where).toBeGreaterThanOrEqual(400);
  expect(r.status, where).toBeLessThan(500);
  const env = parseJson(text) as { code: string; detailMessage: string; status: number; requestId: string };
  expect(env.code, where).not.toBe("success");
  expect(env.status, where).toBe(r.status);
  expect(env.detailMessage.length, where).toBeGreaterThan(3);
  expect(env.requestId, where).toMatch(/^[0-9a-f]{32}$/);
  expect(snapshot(), where).toBe(before);
  return { status: r.status, code: env.code };
}
const refused = async (req: Req): Promise<void> => void (await refusal(req));

// ---- generators ------------------------------------------------------------------------------------------

const spec = compiledSpec().spec as any;
const itemSchema = spec.components.schemas.OrderItem;
const bodySchema = spec.components.schemas.OrderSaveRequest;

const junkValue = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, [], {}, 1.5, -1, 0, "", "x", "１２３", "\u0000", "💥", 1e308, -1e308),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true }),
);
const badId = fc.oneof(
  fc.constantFrom<unknown>(
    0,
    -5,
    1.25,
    "0123",
    "",
    "-1",
    "1e5",
    "31972181683798462180",
    "０１２",
    "3197218168379846218 ",
    "abc",
    null,
    true,
    [],
    {},
  ),
  fc.bigInt({ min: 10n ** 19n, max: 10n ** 30n }),
  fc.stringMatching(/^[0-9]{20,40}$/),
  fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !/^[1-9][0-9]{0,18}$/.test(s)),
);
const badQuantity = fc.oneof(
  fc.constantFrom<unknown>(0, -1, 0.5, 2.5, 1_000_001, 1e20, 2 ** 53 + 2, "50", null, [], Infinity),
  fc.integer({ max: 0 }),
  fc.integer({ min: 1_000_001 }),
  fc.double({ noNaN: true, noInteger: true }),
);
const longString = fc.string({ minLength: 65, maxLength: 3000 });
const controlChars = fc.string({
  unit: fc.constantFrom("\u0000", "\u0007", "\u001b", "\u202e", "\ud83d\ude00", "\t", "\n"),
  minLength: 1,
  maxLength: 20,
});

type Mutation = (b: any) => void;
const topFields = Object.keys(bodySchema.properties);
const itemFields = Object.keys(itemSchema.properties);

const mutation: fc.Arbitrary<[string, Mutation]> = fc.oneof(
  fc
    .constantFrom(...(bodySchema.required as string[]))
    .map((f) => [`drop ${f}`, (b: any) => delete b[f]] as [string, Mutation]),
  fc
    .constantFrom(...(itemSchema.required as string[]))
    .map((f) => [`drop item ${f}`, (b: any) => delete b.serviceList[0][f]] as [string, Mutation]),
  fc
    .tuple(fc.constantFrom("operationType", "productId", "serviceList"), junkValue)
    .map(([f, v]) => [`junk ${f}`, (b: any) => (b[f] = v)] as [string, Mutation]),
  fc
    .tuple(
      fc.constantFrom("serviceType", "purchaseType", "billingModel", "billingCycle", "multiCycle"),
      fc.oneof(junkValue, controlChars, longString).filter((v) => v !== 0),
    )
    .map(([f, v]) => [`junk item ${f}`, (b: any) => (b.serviceList[0][f] = v)] as [string, Mutation]),
  fc
    .tuple(
      fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !topFields.includes(k) && k !== "__proto__"),
      junkValue,
    )
    .map(([k, v]) => [`extra ${k}`, (b: any) => (b[k] = v)] as [string, Mutation]),
  fc
    .tuple(
      fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !itemFields.includes(k) && k !== "__proto__"),
      junkValue,
    )
    .map(([k, v]) => [`extra item ${k}`, (b: any) => (b.serviceList[0][k] = v)] as [string, Mutation]),
  badQuantity.map((q) => [`quantity ${String(q)}`, (b: any) => (b.serviceList[0].quantity = q)] as [string, Mutation]),
  fc
    .tuple(fc.constantFrom("serviceId", "connectionPlanId"), badId)
    .map(([f, v]) => [`item ${f} ${String(v)}`, (b: any) => (b.serviceList[0][f] = v)] as [string, Mutation]),
  fc
    .tuple(fc.constantFrom("billingId", "partnerId", "assignId"), badId)
    .map(([f, v]) => [`${f} ${String(v)}`, (b: any) => (b[f] = v)] as [string, Mutation]),
  longString.map((s) => [`long poNumber`, (b: any) => (b.poNumber = s)] as [string, Mutation]),
  fc.constantFrom<[string, Mutation]>(
    ["empty serviceList", (b) => (b.serviceList = [])],
    ["21 items", (b) => (b.serviceList = Array.from({ length: 21 }, () => b.serviceList[0]))],
  ),
  fc
    .integer({ min: 50, max: 3000 })
    .map(
      (d) =>
        [
          `nested ${d}`,
          (b: any) => (b.serviceList[0].connectionPlanId = JSON.parse("[".repeat(d) + "]".repeat(d))),
        ] as [string, Mutation],
    ),
);

/** Raw texts that are not a valid JSON object body. */
const badText = fc.oneof(
  fc.string({ maxLength: 200 }).filter((s) => {
    try {
      const v = JSON.parse(s);
      return v === null || typeof v !== "object" || Array.isArray(v);
    } catch {
      return true;
    }
  }),
  fc
    .tuple(fc.constantFrom(stringifyJson(expandBody()), stringifyJson(trialBody())), fc.nat())
    .map(([t, n]) => t.slice(0, n % t.length)),
  fc.constantFrom(
    '{"operationType":"trial_plan","operationType":"purchase_plan","productId":14,"serviceList":[]}',
    '{"productId":14,"productId":15}',
    "[]",
    "null",
    "42",
    '"string"',
    "{".repeat(20000),
    "[".repeat(30000) + "]".repeat(30000),
    '{"a":' + '{"a":'.repeat(10000) + "1" + "}".repeat(10001),
    "\u0000\u0001",
    "\ufeff{}",
    "NaN",
    '{"billingId": 3197218168379846218e2}',
  ),
);

describe("hostile input gets a clean refusal and changes nothing", () => {
  it("order/save: 1,200 schema-driven mutations of the documented bodies", async () => {
    await fc.assert(
      fc.asyncProperty(mutation, fc.boolean(), async ([, mutate], useTrial) => {
        const b = useTrial ? trialBody() : expandBody();
        const before = stringifyJson(b);
        mutate(b);
        fc.pre(stringifyJson(b) !== before); // a mutation that changed nothing is no hostile input
        await refused({ body: stringifyJson(b), headers: { "Content-Type": "application/json" } });
      }),
      { seed: SEED, numRuns: 1200 },
    );
  });

  it("order/save: 400 malformed, truncated, duplicate-key and deeply nested texts", async () => {
    await fc.assert(
      fc.asyncProperty(badText, async (text) =>
        refused({ body: text, headers: { "Content-Type": "application/json" } }),
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("order/save: wrong content types, empty bodies, bodies over the limit", async () => {
    const valid = stringifyJson(expandBody());
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          "text/plain",
          "application/xml",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "image/png",
          "",
          "application/jsonx",
        ),
        async (type) => refused({ body: valid, headers: { "Content-Type": type } }),
      ),
      { seed: SEED, numRuns: 50 },
    );
    await refused({ body: "", headers: { "Content-Type": "application/json" } });
    const huge = stringifyJson({ ...expandBody(), poNumber: "x".repeat(70 * 1024) });
    const before = snapshot();
    const r = await fetch(`${base}/order/openapi/order/v1/save`, {
      method: "POST",
      headers: { "User-Agent": "fuzz", Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: huge,
    });
    expect(r.status).toBe(413);
    expect(((await r.json()) as { code: string }).code).toBe("request_entity_too_large");
    expect(snapshot()).toBe(before);
  });

  it("token endpoint: 250 hostile forms", async () => {
    const field = fc.oneof(fc.string({ maxLength: 30 }), controlChars, fc.string({ minLength: 300, maxLength: 5000 }));
    const form = fc.record(
      {
        grant_type: fc.oneof(
          fc.constantFrom("pp_credentials", "refresh_token", "password", "", "PP_CREDENTIALS"),
          field,
        ),
        client_id: field,
        client_secret: field,
        refresh_token: field,
        extra: field,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(form, fc.constantFrom("application/x-www-form-urlencoded", "text/plain"), async (f, type) => {
        if (
          f.grant_type === "pp_credentials" &&
          f.client_id === "demo-client-id" &&
          f.client_secret === "demo-client-secret" &&
          !("extra" in f) &&
          !("refresh_token" in f)
        )
          return;
        await refused({
          path: "/auth/openapi/v1/oauth/token",
          body: new URLSearchParams(f as Record<string, string>).toString(),
          headers: { "Content-Type": type },
        });
      }),
      { seed: SEED, numRuns: 250 },
    );
  });

  it("query, path, headers, methods and unknown paths: 400 cases", async () => {
    const q = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom("-1", "0", "1.5", "99999999999999999999", "1e3", " 14", "14&productId=15", "%00"),
    );
    const req = fc.oneof(
      q.map((v) => ({
        method: "GET",
        path: `/pricing/openapi/purchase/v1/purchase_product_info?productId=${encodeURIComponent(v)}`,
      })),
      fc.tuple(q, q).map(([a, b]) => ({
        method: "GET",
        path: `/order/openapi/order/v1/page?pageNo=${encodeURIComponent(a)}&pageSize=${encodeURIComponent(b)}`,
      })),
      fc
        .string({ minLength: 1, maxLength: 60 })
        .map((id) => ({ method: "GET", path: `/order/openapi/order/v1/get/${encodeURIComponent(id)}` })),
      fc
        .oneof(
          fc.string({ maxLength: 200 }),
          fc.constantFrom("Bearer", "Bearer ", "bearer x.y.z", "Basic Zm9vOmJhcg==", "Bearer a.b.c.d"),
        )
        .map((auth) => ({
          method: "GET",
          path: "/user/openapi/user/v1/client/billing_contact_list",
          headers: { Authorization: auth.replace(/[^\x20-\x7e]/g, "") || "x" },
        })),
      fc
        .constantFrom("PUT", "DELETE", "PATCH")
        .map((m) => ({ method: m, path: "/order/openapi/order/v1/save", body: "{}" })),
      fc.webPath().map((p) => ({ method: "GET", path: `/order/openapi/${p.replace(/^\//, "")}` })),
      fc.constant({ method: "GET", path: "/order/openapi/order/v1/page", headers: { "User-Agent": "" } }),
    );
    await fc.assert(
      fc.asyncProperty(req, async (r) => {
        const answer = await refusal(r);
        if (r.path.startsWith("/order/openapi/order/v1/get/")) {
          // A well-formed ID of no order is 404; anything else breaks the path's pattern: 400.
          const wellFormed = /^[A-Za-z0-9]{1,32}$/.test(decodeURIComponent(r.path.split("/").pop()!));
          expect(answer, r.path).toEqual(
            wellFormed
              ? { status: 404, code: "resource_not_found" }
              : { status: 400, code: "parameter_validation_failed" },
          );
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("after all of it the server answers normally and the strict validator saw no bad answer", async () => {
    const r = await fetch(`${base}/order/openapi/order/v1/save`, {
      method: "POST",
      headers: { "User-Agent": "fuzz", Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: stringifyJson(expandBody(3)),
    });
    expect(r.status).toBe(200);
    expect(mock.violations).toEqual([]);
    expect(tried).toBeGreaterThanOrEqual(2000);
  });
});
