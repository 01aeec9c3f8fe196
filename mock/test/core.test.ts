// The domain core: indexes answer exactly what a scan of the account would, live and rebuilt; stored orders are
// compact; a reset is a fresh start; the clock and the orders per account are bounded.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createService } from "../create.ts";
import type { ChangeRecord, MockService } from "../domain/service.ts";
import type { Account, Instance } from "../domain/types.ts";
import { Harness, expectEnvelopeError } from "./harness.ts";
import {
  EXTENSIONS,
  PLAN,
  SUB_WITHOUT,
  SUB_WITH_INSTANCE,
  expandBody,
  json,
  purchasePlanBody,
  renewBody,
  trialBody,
} from "./bodies.ts";

type Body = Record<string, unknown>;
const place = (s: MockService, body: Body) => s.placeOrder(s.account(s.demoClientId)!, body as never, json(body));

/** The answers a scan over the account's arrays gives, as the mock computed them before it kept indexes. */
function scanned(a: Account, pageSize: number) {
  const paid = a.orders.filter((o) => o.orderId !== null).reverse();
  const byProduct = a.instances
    .filter((i) => i.productId === 14)
    .sort((x, y) => y.createTime - x.createTime || Number(BigInt(y.instanceId) - BigInt(x.instanceId)));
  const pages = Math.max(1, Math.ceil(Math.max(paid.length, byProduct.length) / pageSize)) + 1;
  const out: unknown[] = [];
  for (let p = 1; p <= pages; p++) {
    out.push(paid.slice((p - 1) * pageSize, p * pageSize).map((o) => o.orderNo));
    out.push(byProduct.slice((p - 1) * pageSize, p * pageSize).map((i) => i.instanceId));
  }
  for (const i of a.instances) {
    const same = a.instances.filter((x) => x.productId === 14 && x.productNo === i.productNo);
    out.push((same.find((x) => !x.trial) ?? same[0])!.instanceId);
  }
  for (const o of a.orders.filter((x) => x.orderId !== null)) out.push(o.orderNo, o.orderNo);
  return out;
}

/** The same answers from the service's own (indexed) reads. */
function indexed(s: MockService, a: Account, pageSize: number) {
  const paid = a.orders.filter((o) => o.orderId !== null);
  const count = a.instances.filter((i) => i.productId === 14).length;
  const pages = Math.max(1, Math.ceil(Math.max(paid.length, count) / pageSize)) + 1;
  const out: unknown[] = [];
  for (let p = 1; p <= pages; p++) {
    out.push(s.listOrders(a, p, pageSize).results.map((o) => o.orderNo));
    out.push(s.instanceProducts(a, 14, p, pageSize).results.map((i) => i.instanceId));
  }
  for (const i of a.instances) out.push(s.instanceProduct(a, 14, i.productNo).instanceId);
  for (const o of paid) {
    out.push(s.getOrder(a, o.orderId!).orderInformation.orderNo);
    out.push(s.getOrder(a, o.orderNo).orderInformation.orderNo);
  }
  return out;
}

const ops = fc.constantFrom(
  "purchase_plan",
  "purchase_plan_sub",
  "expand",
  "renew",
  "trial_sub",
  "manual",
  "settle",
  "auto",
);

async function run(s: MockService, op: string): Promise<void> {
  const a = () => s.account(s.demoClientId)!;
  const tryPlace = (b: Body) => place(s, b).catch(() => undefined);
  if (op === "purchase_plan") await tryPlace(purchasePlanBody());
  if (op === "purchase_plan_sub") await tryPlace({ ...purchasePlanBody(), partnerId: SUB_WITHOUT });
  if (op === "expand") await tryPlace(expandBody(1, EXTENSIONS));
  if (op === "renew") {
    const seedInstance = a().instances.find((i: Instance) => i.instanceId === "1948832")!;
    await tryPlace(renewBody(seedInstance.quantity, seedInstance.services["3049032137219817472"] ?? 0));
  }
  if (op === "trial_sub") await tryPlace({ ...trialBody(), partnerId: SUB_WITH_INSTANCE });
  if (op === "manual" || op === "auto") await s.setPaymentMode(s.demoClientId, op);
  if (op === "settle") {
    const pending = a().orders.find((o) => o.status === "pending");
    if (pending) await s.settleOrder(s.demoClientId, pending.orderNo, "succeed");
  }
}

describe("indexed state", () => {
  it("answers every page and lookup as a scan of the account would, live and after a replay", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(ops, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 7 }),
        async (steps, size) => {
          const live = createService();
          const records: ChangeRecord[] = [];
          live.setSink({ append: (r) => (records.push(structuredClone(r)), Promise.resolve()) });
          await live.seedDemo();
          for (const op of steps) await run(live, op);
          const a = live.account(live.demoClientId)!;
          expect(indexed(live, a, size)).toEqual(scanned(a, size));
          const rebuilt = createService();
          for (const r of records) rebuilt.apply(r);
          const b = rebuilt.account(rebuilt.demoClientId)!;
          expect(indexed(rebuilt, b, size)).toEqual(indexed(live, a, size));
          expect(rebuilt.snapshot()).toEqual(live.snapshot());
        },
      ),
      { numRuns: 40, seed: 20261201 },
    );
  });
});

describe("stored orders", () => {
  it("a 40 KB whitespace-padded request is stored minified, and order details come from stored lines", async () => {
    const h = await Harness.create();
    const token = await h.token();
    const padded = json(expandBody()).replace(/([,:{[])/g, `$1${" \n".repeat(900)}`);
    expect(padded.length).toBeGreaterThan(40_000);
    const a = await h.order(padded, token);
    expect(a.status, a.text).toBe(200);
    const order = h.mock.service.account("demo-client-id")!.orders.at(-1)!;
    expect(order.requestText).toBe(json(expandBody()));
    expect(order.requestText.length).toBeLessThan(600);
    order.requestText = "not JSON: details must not read it";
    const d = await h.get(`/order/openapi/order/v1/get/${a.body.result.orderId}`, token);
    expect(d.status, d.text).toBe(200);
    expect(d.text).toContain('"serviceId":"3049032137219817472"');
    expect(d.body.result.orderSummary.itemList[0]).toMatchObject({ quantity: 50, connectionPlanId: String(PLAN) });
  });

  it("a request of ordinary size is kept exactly as sent, whitespace included", async () => {
    const h = await Harness.create();
    const text = json(expandBody()).replace(/,/g, ",\n  ");
    expect((await h.order(text, await h.token())).status).toBe(200);
    expect(h.mock.service.account("demo-client-id")!.orders.at(-1)!.requestText).toBe(text);
  });

  it("the account view is bounded: the newest 100 orders first, with the counts; older ones keep lines, not text", async () => {
    const h = await Harness.create();
    for (let i = 0; i < 105; i++) await place(h.mock.service, expandBody(1, EXTENSIONS));
    const r = await h.get("/__mock/accounts/demo-client-id");
    expect(r.status, r.text).toBe(200);
    expect(r.body.result.orderCount).toBe(105);
    expect(r.body.result.orders).toHaveLength(100);
    const all = h.mock.service.account("demo-client-id")!.orders;
    expect(r.body.result.orders[0].orderNo).toBe(all.at(-1)!.orderNo);
    // Only the newest 100 keep their request text; every order keeps its lines.
    expect(all.slice(0, 5).map((o) => o.requestText)).toEqual(["", "", "", "", ""]);
    expect(all[5]!.requestText).toBe(json(expandBody(1, EXTENSIONS)));
    const oldest = h.mock.service.getOrder(h.mock.service.account("demo-client-id")!, all[0]!.orderNo);
    expect(oldest.orderSummary.itemList[0]).toMatchObject({ quantity: 1, serviceId: String(EXTENSIONS) });
  });
});

describe("bounds and a fresh start", () => {
  it("a reset gives a freshly started mock: the tutorials' orders answer the same IDs again", async () => {
    const h = await Harness.create();
    const first = async () => {
      const token = await h.token();
      const trial = await h.order(json(trialBody()), token);
      const expand = await h.order(json(expandBody()), token);
      return [trial.body.result, expand.body.result];
    };
    const fresh = await first();
    expect(fresh[0].instanceId).toBe("1948747");
    await h.order(json(purchasePlanBody()), await h.token());
    const r = await h.post("/__mock/reset", "{}");
    expect(r.status, r.text).toBe(200);
    expect(await first()).toEqual(fresh);
  });

  it("the clock moves at most 100 years from real time: 422 clock_out_of_range beyond, nothing committed", async () => {
    const h = await Harness.create();
    const step = 315_360_000; // ten years, the largest step
    for (let i = 0; i < 10; i++) await h.advance(step);
    const before = h.mock.service.account("demo-client-id")!.clockOffsetMs;
    const r = await h.post("/__mock/accounts/demo-client-id/clock/advance", JSON.stringify({ seconds: 1 }));
    expectEnvelopeError(r, 422, "clock_out_of_range", "seconds");
    expect(h.mock.service.account("demo-client-id")!.clockOffsetMs).toBe(before);
    expect((await h.get("/__mock/accounts/demo-client-id")).status).toBe(200);
    expect((await h.get("/order/openapi/order/v1/page?pageNo=1&pageSize=5", await h.token())).status).toBe(200);
  });

  it("orders per account are capped: past the limit 429 too_many_requests, and nothing changes", async () => {
    const h = await Harness.create({ maxOrdersPerAccount: 3 });
    const token = await h.token();
    for (let i = 0; i < 3; i++) expect((await h.order(json(expandBody(1, EXTENSIONS)), token)).status).toBe(200);
    const before = h.snapshot();
    expectEnvelopeError(await h.order(json(expandBody(1, EXTENSIONS)), token), 429, "too_many_requests");
    expect(h.snapshot()).toBe(before);
  });
});
