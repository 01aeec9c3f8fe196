// startMock's handle covers the control API: each method works, and each validates as /__mock does (a wrong
// kind, operationId, clientId, field or range rejects with an Error naming the field, and arms nothing).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPartnerPortalClient } from "../../src/index.ts";
import { createMockApp, startMock, MockControlError, type Fault, type MockHandle } from "../index.ts";
import { expandBody, json } from "./bodies.ts";

let mock: MockHandle;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

// The control spec's AccountState does not list paymentMode yet; the mock shows it.
const paymentMode = async () => ((await mock.account()) as { paymentMode?: string }).paymentMode;

async function token(creds: { clientId: string; clientSecret: string } = mock): Promise<string> {
  const r = await fetch(`${mock.url}/auth/openapi/v1/oauth/token`, {
    method: "POST",
    headers: { "User-Agent": "t", "Content-Type": "application/x-www-form-urlencoded" },
    body: `grant_type=pp_credentials&client_id=${creds.clientId}&client_secret=${creds.clientSecret}`,
  });
  return ((await r.json()) as { result: { token: string } }).result.token;
}

async function placeExpand(): Promise<{ status: number; orderNo: string; orderStatus: string }> {
  const r = await fetch(`${mock.url}/order/openapi/order/v1/save`, {
    method: "POST",
    headers: { "User-Agent": "t", "Content-Type": "application/json", Authorization: `Bearer ${await token()}` },
    body: json(expandBody()),
  });
  const body = (await r.json()) as { result: { orderNo: string; orderStatus: string } };
  return { status: r.status, ...body.result };
}

describe("the startMock handle", () => {
  it("account() shows the demo account; createAccount() makes another one, with working credentials", async () => {
    const demo = await mock.account();
    expect(demo.clientId).toBe("demo-client-id");
    expect(await paymentMode()).toBe("auto");
    const iso = await mock.createAccount();
    expect(iso.clientId).not.toBe("demo-client-id");
    expect((await token(iso)).length).toBeGreaterThan(20);
    expect((await mock.account(iso.clientId)).clientId).toBe(iso.clientId);
  });

  it("advanceClock() moves the account's now forward and says so", async () => {
    const before = new Date((await mock.account()).clock.now).getTime();
    const now = await mock.advanceClock(86_400);
    expect(now.getTime() - before).toBeGreaterThanOrEqual(86_400_000);
    expect((await mock.account()).clock.offsetSeconds).toBe(86_400);
  });

  it("setPaymentMode('manual') holds a paid order pending until settleOrder() makes it", async () => {
    await mock.setPaymentMode("manual");
    expect(await paymentMode()).toBe("manual");
    const placed = await placeExpand();
    expect([placed.status, placed.orderStatus]).toEqual([200, "pending"]);
    await mock.settleOrder(placed.orderNo, "succeed");
    const order = (await mock.account()).orders.find((o) => o.orderNo === placed.orderNo);
    expect(order?.status).toBe("succeed");
    // Settling twice is what the control API refuses: 409 order_not_pending.
    const again = await mock.settleOrder(placed.orderNo, "failed").catch((e: unknown) => e);
    expect(again).toBeInstanceOf(MockControlError);
    expect((again as MockControlError).code).toBe("order_not_pending");
  });

  it("injectFault() arms a fault that fires; clearFaults() disarms the rest", async () => {
    const id = await mock.injectFault({ kind: "error", operationId: "createOrder", status: 503, count: 2 });
    expect(id).toMatch(/^fault_/);
    expect((await placeExpand()).status).toBe(503);
    await mock.clearFaults();
    expect((await placeExpand()).status).toBe(200);
  });

  it("requests() returns the log, and passes its filter on as GET /__mock/requests query parameters", async () => {
    const client = createPartnerPortalClient({
      baseUrl: mock.url,
      clientId: mock.clientId,
      clientSecret: mock.clientSecret,
      userAgent: "t",
    });
    await client.listOrders();
    const all = await mock.requests();
    expect(all.some((e) => e.path.startsWith("/order/openapi/order/v1/page") && e.status === 200)).toBe(true);
    await mock.requests({ operationId: "listOrders", clientId: "demo-client-id", method: "GET", status: 200 });
    const last = (await mock.requests()).filter((e) => e.path.startsWith("/__mock/requests?")).at(-1);
    expect(last?.path).toBe("/__mock/requests?operationId=listOrders&clientId=demo-client-id&method=GET&status=200");
  });
});

describe("the handle validates as the control API does", () => {
  const cases: Array<[string, Fault, string]> = [
    ["an unknown kind", { kind: "eror" } as unknown as Fault, "kind"],
    ["an unknown operationId", { kind: "error", operationId: "createOrdr" } as unknown as Fault, "operationId"],
    ["an unknown clientId", { kind: "error", clientId: "nobody" }, "clientId"],
    ["status 9999", { kind: "error", status: 9999 }, "status"],
    ["count 0", { kind: "error", count: 0 }, "count"],
    ["an unknown field", { kind: "error", colour: "red" } as unknown as Fault, "colour"],
  ];
  for (const [what, fault, field] of cases)
    it(`injectFault rejects ${what}, naming ${field}, and arms nothing`, async () => {
      const err = await mock.injectFault(fault).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MockControlError);
      const e = err as MockControlError;
      expect([e.field, e.message.startsWith(`${field}: `)], e.message).toEqual([field, true]);
      expect(e.status).toBeGreaterThanOrEqual(400);
      expect(e.status).toBeLessThan(500);
      // Nothing armed: an order still goes through.
      expect((await placeExpand()).status).toBe(200);
    });

  it("the other methods reject an unknown account, a bad mode or outcome, and a bad number the same way", async () => {
    const fields = await Promise.all(
      [
        mock.advanceClock(60, "nobody"),
        mock.account("nobody"),
        mock.setPaymentMode("later" as never),
        mock.settleOrder("GQ1", "maybe" as never),
        mock.advanceClock(-5),
      ].map((p) =>
        p.then(
          () => "accepted",
          (e: MockControlError) => e.field,
        ),
      ),
    );
    expect(fields).toEqual(["clientId", "clientId", "mode", "outcome", "seconds"]);
  });

  it("sends the control token the mock was started with", async () => {
    const locked = await startMock({ controlToken: "s3cret" });
    try {
      expect((await locked.account()).clientId).toBe("demo-client-id");
      const raw = await fetch(`${locked.url}/__mock/accounts/demo-client-id`);
      expect(raw.status).toBe(401);
    } finally {
      await locked.close();
    }
  });
});

describe("createMockApp (no port)", () => {
  it("has the same control methods, validating the same way", async () => {
    const app = await createMockApp();
    await app.setPaymentMode("manual");
    expect(((await app.account()) as { paymentMode?: string }).paymentMode).toBe("manual");
    const err = (await app.injectFault({ kind: "error", count: 0 }).catch((e: unknown) => e)) as MockControlError;
    expect([err.name, err.field]).toEqual(["MockControlError", "count"]);
  });
});
