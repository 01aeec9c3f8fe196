// Orders that wait for payment (assumed lifecycle): in manual mode a paid order is pending and changes nothing
// until it is settled; succeed applies it then, failed and cancelled never do; trials never wait.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../app.ts";
import { openDurableService } from "../state.ts";
import { expandBody, json, purchasePlanBody, trialBody } from "./bodies.ts";
import { Harness } from "./harness.ts";

let h: Harness;
let token: string;
const ctl = (path: string, body: unknown) =>
  request(h.handler).post(`/__mock${path}`).set("Content-Type", "application/json").send(JSON.stringify(body));
const ultimate = (): number =>
  h.mock.service.account("demo-client-id")!.instances.find((i) => i.instanceId === "1948832")!.services[
    "3049032137219817472"
  ] ?? 0;
const statusOf = async (orderNo: string) =>
  (await h.get(`/order/openapi/order/v1/get/${orderNo}`, token)).body.result.orderInformation.orderStatus;

beforeEach(async () => {
  h = await Harness.create();
  token = await h.token();
  expect((await ctl("/accounts/demo-client-id/payment", { mode: "manual" })).status).toBe(200);
});

describe("manual payment mode", () => {
  it("a paid order is pending and changes nothing; succeed applies it; settling twice is 409", async () => {
    const before = ultimate();
    const r = await h.order(json(expandBody(7)), token);
    expect(r.body.result.orderStatus).toBe("pending");
    expect(ultimate()).toBe(before);
    expect(await statusOf(r.body.result.orderNo)).toBe("pending");
    const page = await h.get("/order/openapi/order/v1/page", token);
    expect(page.body.result.results[0]).toMatchObject({ orderNo: r.body.result.orderNo, orderStatus: "pending" });

    const settled = await ctl(`/accounts/demo-client-id/orders/${r.body.result.orderNo}/settle`, {
      outcome: "succeed",
    });
    expect(settled.status, settled.text).toBe(200);
    expect(ultimate()).toBe(before + 7);
    expect(await statusOf(r.body.result.orderNo)).toBe("succeed");
    const again = await ctl(`/accounts/demo-client-id/orders/${r.body.result.orderNo}/settle`, { outcome: "failed" });
    expect(again.status).toBe(409);
    expect(JSON.parse(again.text).code).toBe("order_not_pending");
  });

  for (const outcome of ["failed", "cancelled"] as const)
    it(`${outcome}: the order never applies`, async () => {
      const before = ultimate();
      const r = await h.order(json(expandBody(3)), token);
      await ctl(`/accounts/demo-client-id/orders/${r.body.result.orderNo}/settle`, { outcome });
      expect(ultimate()).toBe(before);
      expect(await statusOf(r.body.result.orderNo)).toBe(outcome);
    });

  it("a pending purchase adds no product until it succeeds; trials never wait", async () => {
    const products = async () =>
      (await h.get("/product/openapi/instance_product/v1/client/instance_product_list?productId=14", token)).body.result
        .total;
    const n = await products();
    const bought = await h.order(json(purchasePlanBody()), token);
    expect(await products()).toBe(n);
    await ctl(`/accounts/demo-client-id/orders/${bought.body.result.orderNo}/settle`, { outcome: "succeed" });
    expect(await products()).toBe(n + 1);
    const trial = await h.order(json(trialBody()), token);
    expect(trial.body.result.orderStatus).toBe("succeed");
  });

  it("pending and settled orders are journaled and replayed", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "payment-")), "state.jsonl");
    const a = await openDurableService(file);
    h = new Harness(createApp(a.service, { quiet: true, strict: true }));
    token = await h.token();
    await ctl("/accounts/demo-client-id/payment", { mode: "manual" });
    const one = (await h.order(json(expandBody(2)), token)).body.result.orderNo;
    const two = (await h.order(json(expandBody(4)), token)).body.result.orderNo;
    await ctl(`/accounts/demo-client-id/orders/${one}/settle`, { outcome: "succeed" });
    await a.journal.close();
    const b = await openDurableService(file);
    expect(b.service.snapshot()).toEqual(a.service.snapshot());
    const orders = b.service.account("demo-client-id")!.orders;
    expect(orders.map((o) => [o.orderNo, o.status])).toEqual([
      [one, "succeed"],
      [two, "pending"],
    ]);
    expect(b.service.account("demo-client-id")!.paymentMode).toBe("manual");
    await b.journal.close();
  });
});
