// Independent conformance: Prism's validation proxy (not our code) sits between these requests and the Express
// mock and fails any request or response that breaks the spec. IDs travel as decimal strings here, because
// Prism re-serializes bodies through doubles; the spec allows both forms.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMock } from "../mock/create.ts";
import type { MockApp } from "../mock/app.ts";
import { CONTACT, PLAN, expandBody, purchasePlanBody, renewBody, trialBody } from "../mock/test/bodies.ts";
import { startPrism, type RunningPrism } from "./prism.ts";

let mock: MockApp;
let server: Server;
let prism: RunningPrism;
let token: string;
const UA = { "User-Agent": "conformance" };
const asStrings = (b: unknown) => JSON.stringify(b, (_k, v) => (typeof v === "bigint" ? String(v) : v));

beforeAll(async () => {
  // Production settings: our own strict mode off, so Prism is the only validator here.
  mock = await createMock({ quiet: true });
  server = createServer(mock.handler).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  prism = await startPrism({ proxy: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  const r = await fetch(`${prism.base}/auth/openapi/v1/oauth/token`, {
    method: "POST",
    headers: { ...UA, "Content-Type": "application/x-www-form-urlencoded" },
    body: "grant_type=pp_credentials&client_id=demo-client-id&client_secret=demo-client-secret",
  });
  expect(r.status, await r.clone().text()).toBe(200);
  token = ((await r.json()) as { result: { token: string } }).result.token;
}, 60_000);

afterAll(async () => {
  await prism?.stop();
  server?.close();
});

/** Sends through Prism; fails when Prism found a violation (its answer is then problem+json, not our envelope). */
async function via(method: string, path: string, body?: string, auth = `Bearer ${token}`) {
  const headers: Record<string, string> = { ...UA, Authorization: auth };
  if (body) headers["Content-Type"] = "application/json";
  const r = await fetch(`${prism.base}${path}`, { method, headers, body });
  const text = await r.text();
  return { status: r.status, type: r.headers.get("content-type") ?? "", text };
}

function conforms(a: { status: number; type: string; text: string }, status: number) {
  expect(a.type, a.text).toMatch(/^application\/json/);
  expect(a.text, "Prism reported a violation").not.toContain("stoplight.io/prism/errors");
  expect(a.status, a.text).toBe(status);
  expect(a.text).toMatch(/"requestId":"[0-9a-f]{32}"/);
}

describe("the Express mock, checked by Prism's validation proxy", () => {
  it.each([
    ["/user/openapi/user/v1/client/partner_list"],
    ["/user/openapi/user/v1/client/billing_contact_list"],
    ["/pricing/openapi/purchase/v1/product_list"],
    ["/pricing/openapi/purchase/v1/purchase_product_info?productId=14"],
    ["/order/openapi/order/v1/page?pageNo=1&pageSize=10"],
  ])("GET %s", async (path) => conforms(await via("GET", path), 200));

  it("every Turnkey order kind, and the order read side after them", async () => {
    conforms(await via("POST", "/order/openapi/order/v1/save", asStrings(trialBody())), 200);
    const expand = await via("POST", "/order/openapi/order/v1/save", asStrings(expandBody()));
    conforms(expand, 200);
    conforms(await via("POST", "/order/openapi/order/v1/save", asStrings(purchasePlanBody())), 200);
    conforms(await via("POST", "/order/openapi/order/v1/save", asStrings(renewBody(100, 10 + 50))), 200);
    const orderId = (JSON.parse(expand.text) as { result: { orderId: string } }).result.orderId;
    conforms(await via("GET", `/order/openapi/order/v1/get/${orderId}`), 200);
    conforms(await via("GET", "/order/openapi/order/v1/page"), 200);
  });

  it("error answers conform too: 401, 404, 409, 422", async () => {
    conforms(await via("GET", "/order/openapi/order/v1/page", undefined, "Bearer forged.token.value"), 401);
    conforms(await via("GET", "/order/openapi/order/v1/get/424242"), 404);
    conforms(await via("POST", "/order/openapi/order/v1/save", asStrings(trialBody())), 409);
    conforms(
      await via(
        "POST",
        "/order/openapi/order/v1/save",
        asStrings({ ...expandBody(), billingId: String(CONTACT - 1n) }),
      ),
      422,
    );
    conforms(
      await via(
        "POST",
        "/order/openapi/order/v1/save",
        asStrings({
          ...expandBody(),
          serviceList: [{ ...expandBody().serviceList[0], connectionPlanId: String(PLAN + 1n) }],
        }),
      ),
      422,
    );
  });

  it("negative control: an answer that breaks the spec is caught by Prism", async () => {
    mock.faults.add({
      kind: "error",
      status: 500,
      code: "not_in_the_vocabulary" as never, // deliberately outside the ErrorCode union
      count: 1,
      operationId: "listProducts",
    });
    const a = await via("GET", "/pricing/openapi/purchase/v1/product_list");
    expect(a.text).toContain("stoplight.io/prism/errors#VIOLATIONS");
  });
});
