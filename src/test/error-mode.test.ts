// The client against a mock that answers errors as HTTP 200 with the status only in the envelope (the vendor's
// documented form, --error-http-status 200): refusals still throw PartnerPortalError, an expired token is still
// refreshed, and a 5xx in the envelope still counts as unclear when placing an order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, type Serving } from "../../mock/server.ts";
import { createPartnerPortalClient } from "../client.ts";
import { subscribeService } from "../flows.ts";
import { PartnerPortalError } from "../errors.ts";

let mock: Serving;
beforeAll(async () => {
  mock = await serve({ port: 0, quiet: true, strict: true, errorHttpStatus: 200 });
});
afterAll(() => mock.close());

const client = () =>
  createPartnerPortalClient({ baseUrl: mock.url, clientId: "demo-client-id", clientSecret: "demo-client-secret" });
const PLAN = { name: "P-Series Turnkey Package" };

describe("errors as HTTP 200", () => {
  it("the mock answers a refusal with HTTP 200 and the status in the envelope", async () => {
    const r = await fetch(`${mock.url}/order/openapi/order/v1/page?pageNo=0`, { headers: { "User-Agent": "t" } });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { status: number; code: string }).status).toBe(401);
  });

  it("a refusal still throws PartnerPortalError with the envelope's code and status", async () => {
    const err = await subscribeService(client(), { plan: PLAN, service: { name: "Ultimate Plan" }, quantity: 0 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PartnerPortalError);
    expect(err).toMatchObject({ code: "parameter_validation_failed", status: 400, httpStatus: 200 });
  });

  it("an expired access token is still refreshed (its code decides, not the HTTP status)", async () => {
    const c = client();
    await c.listOrders();
    await mock.service.advanceClock("demo-client-id", 31 * 60);
    await expect(c.listOrders()).resolves.toMatchObject({ pageNo: 1 });
  });

  it("a 503 in the envelope is unclear: the client looks, then resends once", async () => {
    mock.mock.faults.add({ kind: "error", status: 503, operationId: "createOrder", count: 1 });
    const placed = await subscribeService(client(), {
      plan: PLAN,
      service: { name: "Ultimate Plan" },
      quantity: 1,
      order: { lookWindowMs: 50 },
    });
    expect(placed).toMatchObject({ reconciled: false, attempts: 2, orderStatus: "succeed" });
  });
});
