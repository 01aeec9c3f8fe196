// The client's read side and the flows that use it, against the mock: renewals read the exact current counts,
// orders target a product by productNo, a pending order can be waited for, prices and plans read exactly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, type Serving } from "../../mock/server.ts";
import { createPartnerPortalClient, type PartnerPortalClient } from "../client.ts";
import { purchasePlan, renewPlan, subscribeService } from "../flows.ts";
import { waitForOrder } from "../placing.ts";
import { parseJson } from "../../openapi/json.ts";

let mock: Serving;
let client: PartnerPortalClient;
let clientId: string;
const PLAN = { name: "P-Series Turnkey Package" };
beforeAll(async () => {
  mock = await serve({ port: 0, quiet: true, strict: true });
});
afterAll(() => mock.close());
const fresh = async () => {
  const a = await mock.service.createAccount();
  clientId = a.clientId;
  client = createPartnerPortalClient({ baseUrl: mock.url, clientId: a.clientId, clientSecret: a.clientSecret });
};

describe("flows on the read side", () => {
  it("renewPlan reads the current counts from the product when none are given, after an expansion too", async () => {
    await fresh();
    await subscribeService(client, { plan: PLAN, service: { name: "Ultimate Plan" }, quantity: 5 });
    const renewed = await renewPlan(client, { plan: PLAN });
    expect(renewed.orderStatus).toBe("succeed");
    const body = parseJson(mock.service.account(clientId)!.orders.at(-1)!.requestText) as any;
    expect(body.serviceList[0].quantity).toBe(100);
    expect(body.serviceList.find((i: any) => i.serviceId === 3049032137219817472n)?.quantity).toBe(15);
  });

  it("orders target a product by productNo", async () => {
    await fresh();
    const bought = await purchasePlan(client, { plan: PLAN, quantity: 20 });
    const expanded = await subscribeService(client, {
      plan: PLAN,
      service: { name: "Ultimate Plan" },
      quantity: 3,
      productNo: bought.productNo,
    });
    expect(expanded.instanceId).toBe(bought.instanceId);
    const product = await client.getInstanceProduct(14, bought.productNo);
    expect(product.services).toContainEqual({ serviceId: "3049032137219817472", name: "Ultimate Plan", quantity: 3 });
    const renewed = await renewPlan(client, { plan: PLAN, productNo: bought.productNo });
    expect(renewed.instanceId).toBe(bought.instanceId);
  });

  it("waitForOrder returns once a pending order is settled", async () => {
    await fresh();
    await mock.service.setPaymentMode(clientId, "manual");
    const pending = await subscribeService(client, { plan: PLAN, service: { name: "Ultimate Plan" }, quantity: 2 });
    expect(pending.orderStatus).toBe("pending");
    setTimeout(() => void mock.service.settleOrder(clientId, pending.orderNo, "succeed"), 150);
    const settled = await waitForOrder(client, pending.orderNo, { intervalMs: 50, timeoutMs: 5000 });
    expect(settled.orderInformation.orderStatus).toBe("succeed");
    await expect(
      waitForOrder(
        client,
        (await subscribeService(client, { plan: PLAN, service: { name: "Ultimate Plan" }, quantity: 1 })).orderNo,
        {
          intervalMs: 20,
          timeoutMs: 100,
        },
      ),
    ).rejects.toThrow(/still pending/);
  });

  it("plan, add-on, price and subordinate reads keep every digit", async () => {
    await fresh();
    const info = await client.getPurchaseProductInfo(14);
    // A renewal lookup names the product renewed (productNo, documented as required there).
    const own = (await client.listInstanceProducts({ productId: 14 })).results.find((p) => p.partnerId === "")!;
    const plan = await client.getPlanInfo("renew", "3048941892189077504", { productId: 14, productNo: own.productNo });
    expect(plan).toMatchObject({ planId: "3048941892189077504", purchaseType: "renew" });
    const addOn = await client.getAddOnInfo("purchase", "3049032137219817472", {
      productId: 14,
      connectionPlanId: "3048941892189077504",
    });
    expect(addOn.name).toBe("Ultimate Plan");
    const prices = await client.getPriceInfo({ productId: 14, billingCycle: "annually", offeringId: info.offeringId });
    expect(prices.offeringId).toBe("3048941892189077187");
    expect(prices.planList[0]!.serviceList).toContainEqual(expect.objectContaining({ id: "3049032137219817472" }));
    const [sub] = await client.listSubordinates();
    expect((await client.getSubordinate(sub!.email!)).partnerId).toBe(sub!.partnerId);
  });

  it("getProductModel: an unknown serial number is not found; a Turnkey product has no model", async () => {
    await fresh();
    await expect(client.getProductModel(14, "3631E3418911")).rejects.toMatchObject({
      code: "resource_not_found",
      httpStatus: 404,
    });
    const own = (await client.listInstanceProducts({ productId: 14 })).results[0]!;
    await expect(client.getProductModel(14, own.productNo)).rejects.toMatchObject({
      code: "operation_not_supported",
      httpStatus: 422,
    });
  });
});
