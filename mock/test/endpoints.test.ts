import { beforeEach, describe, expect, it } from "vitest";
import { parseJson } from "../../openapi/json.ts";
import { tutorialExamples } from "../../openapi/tutorials.ts";
import { Harness, expectEnvelopeError } from "./harness.ts";
import {
  CONTACT_219,
  SUB_WITH_INSTANCE,
  SUB_WITHOUT,
  expandBody,
  json,
  purchasePlanBody,
  renewBody,
  trialBody,
} from "./bodies.ts";

const [trial, expand] = tutorialExamples();
let h: Harness;
let token: string;
beforeEach(async () => {
  h = await Harness.create();
  token = await h.token();
});

describe("the vendor tutorials, verbatim, against a fresh mock", () => {
  it("expand capacity: the documented request gets the documented response", async () => {
    const a = await h.order(expand!.requestText, token);
    expect(a.status, a.text).toBe(200);
    const documented = parseJson(expand!.responseText) as { result: unknown };
    expect(a.body.result).toEqual(documented.result);
    // On the raw text: IDs are exact strings, never a rounded number.
    expect(a.text).toContain(
      `"instanceId":"1948832","orderId":"1782070","orderNo":"GQ3401181709772259328","orderStatus":"succeed","productNo":"3076913644890832896","transactionNo":"AP3401181710707589121"`,
    );
    expect(a.text).toMatch(
      /^\{"code":"success","detailMessage":"","requestId":"[0-9a-f]{32}","result":\{.*\},"status":200\}$/,
    );
  });

  it("free trial: the documented request creates a trial instance with no order number", async () => {
    const a = await h.order(trial!.requestText, token);
    expect(a.status, a.text).toBe(200);
    expect(a.body.result).toMatchObject({ orderId: null, orderNo: "", orderStatus: "succeed", transactionNo: "" });
    expect(a.body.result.instanceId).toMatch(/^\d+$/);
    const instance = h.mock.service
      .account("demo-client-id")!
      .instances.find((i) => i.instanceId === a.body.result.instanceId)!;
    expect(instance).toMatchObject({
      trial: true,
      planId: "3048941892189077504",
      services: { "3049033063168892928": 1 },
    });
  });

  it("the expanded instance adds up, and the order shows in the list and the details with exact IDs", async () => {
    await h.order(expand!.requestText, token);
    await h.order(json(expandBody(7)), token);
    const inst = h.mock.service.account("demo-client-id")!.instances.find((i) => i.instanceId === "1948832")!;
    expect(inst.services["3049032137219817472"]).toBe(10 + 50 + 7);

    const page = await h.get("/order/openapi/order/v1/page", token);
    expect(page.body.result).toMatchObject({ count: 2, total: 2, pageNo: 1, pageSize: 25, totalPage: 1 });
    expect(page.body.result.results.map((o: { id: string }) => o.id)).toEqual(["1782071", "1782070"]);

    for (const id of ["1782070", "GQ3401181709772259328"]) {
      const d = await h.get(`/order/openapi/order/v1/get/${id}`, token);
      expect(d.status, d.text).toBe(200);
      expect(d.text).toContain(`"billingContactId":"3197218168379846218"`);
      for (const part of [
        `"serviceId":"3049032137219817472"`,
        `"connectionPlanId":"3048941892189077504"`,
        `"quantity":50`,
        `"orderNo":"GQ3401181709772259328"`,
      ])
        expect(d.text).toContain(part);
    }
  });

  it("3197218168379846219 is a different billing contact from ...218, and a rounded ID is no contact at all", async () => {
    const a = await h.order(json({ ...expandBody(), billingId: CONTACT_219 }), token);
    expect(a.status, a.text).toBe(200);
    const d = await h.get(`/order/openapi/order/v1/get/${a.body.result.orderId}`, token);
    expect(d.text).toContain(
      `"billingContactId":"3197218168379846219","company":"Example Partner Ltd (Accounts)","firstName":"Quentin"`,
    );
    const rounded = await h.order(
      expand!.requestText.replace("3197218168379846218", String(Number("3197218168379846218"))),
      token,
    );
    expectEnvelopeError(rounded, 422, "billing_contact_not_found", "billingId");
  });

  it("accepts IDs as decimal strings too", async () => {
    const body = expandBody();
    body.billingId = "3197218168379846218";
    body.serviceList[0].serviceId = "3049032137219817472";
    const a = await h.order(
      JSON.stringify(body, (_k, v) => (typeof v === "bigint" ? String(v) : v)),
      token,
    );
    expect(a.status, a.text).toBe(200);
  });
});

describe("read endpoints", () => {
  it("product_list lists the seeded products", async () => {
    const a = await h.get("/pricing/openapi/purchase/v1/product_list", token);
    expect(a.body.result).toEqual([{ name: "P-Series Turnkey Package", productId: 14 }]);
  });

  it("purchase_product_info shows the tutorials' plan and services, trial services as trial", async () => {
    const a = await h.get("/pricing/openapi/purchase/v1/purchase_product_info?productId=14", token);
    expect(a.status).toBe(200);
    const trialPlan = a.body.result.planList.find((p: { purchaseType: string }) => p.purchaseType === "trial");
    expect(trialPlan.planId).toBe("3048941892189077504");
    expect(trialPlan.serviceList).toEqual([
      expect.objectContaining({ serviceId: "3049033063168892928", purchaseType: "trial" }),
    ]);
    const names = a.body.result.planList
      .find((p: { purchaseType: string }) => p.purchaseType === "purchase")
      .serviceList.map((s: { name: string }) => s.name);
    expect(names).toEqual(["Ultimate Plan", "Extension Expansion", "Call Recording Minutes", "Transcription Minutes"]);
  });

  it("purchase_product_info for an unknown product is 404, for a missing productId 400", async () => {
    expectEnvelopeError(
      await h.get("/pricing/openapi/purchase/v1/purchase_product_info?productId=99", token),
      404,
      "resource_not_found",
      "productId",
    );
    expectEnvelopeError(
      await h.get("/pricing/openapi/purchase/v1/purchase_product_info", token),
      400,
      "parameter_validation_failed",
      "productId",
    );
    expectEnvelopeError(
      await h.get("/pricing/openapi/purchase/v1/purchase_product_info?productId=abc", token),
      400,
      "parameter_validation_failed",
      "productId",
    );
  });

  it("partner_list and billing_contact_list return the seeded users and contacts", async () => {
    const subs = await h.get("/user/openapi/user/v1/client/partner_list", token);
    expect(subs.body.result.map((s: { partnerId: string }) => s.partnerId)).toEqual([
      "3076913644915998721",
      "3076913644915998722",
      "3076913644915998723",
    ]);
    const contacts = await h.get("/user/openapi/user/v1/client/billing_contact_list", token);
    expect(contacts.text).toContain(`"billingContactId":"3197218168379846218"`);
    expect(contacts.text).toContain(`"billingContactId":"3197218168379846219"`);
  });

  it("order page paginates newest first; an unknown order is 404", async () => {
    for (let i = 1; i <= 3; i++) await h.order(json(expandBody(i)), token);
    const p2 = await h.get("/order/openapi/order/v1/page?pageNo=2&pageSize=2", token);
    expect(p2.body.result).toMatchObject({ count: 3, total: 3, pageNo: 2, pageSize: 2, totalPage: 2 });
    expect(p2.body.result.results.map((o: { id: string }) => o.id)).toEqual(["1782070"]);
    const p9 = await h.get("/order/openapi/order/v1/page?pageNo=9", token);
    expect(p9.body.result.results).toEqual([]);
    expectEnvelopeError(
      await h.get("/order/openapi/order/v1/page?pageSize=0", token),
      400,
      "parameter_validation_failed",
      "pageSize",
    );
    expectEnvelopeError(await h.get("/order/openapi/order/v1/get/999", token), 404, "resource_not_found", "id");
  });

  it("unknown endpoints are 404 and wrong methods 405, both in the envelope", async () => {
    expectEnvelopeError(await h.get("/order/openapi/order/v9/nothing", token), 404, "api_not_found");
    expectEnvelopeError(await h.get("/order/openapi/order/v1/save", token), 405, "method_not_allowed");
  });
});

describe("the other Turnkey flows change state", () => {
  it("purchase_plan creates a new active instance with its services", async () => {
    const a = await h.order(json(purchasePlanBody()), token);
    expect(a.status, a.text).toBe(200);
    expect(a.body.result.orderNo).toMatch(/^GQ\d{19}$/);
    const inst = h.mock.service
      .account("demo-client-id")!
      .instances.find((i) => i.instanceId === a.body.result.instanceId)!;
    expect(inst).toMatchObject({ trial: false, quantity: 20, services: { "3049031755294498816": 200 } });
    expect(inst.expireTime - inst.createTime).toBe(365 * 24 * 3600 * 1000);
  });

  it("renew_plan with the current counts extends the expiry by a cycle", async () => {
    const before = h.mock.service
      .account("demo-client-id")!
      .instances.find((i) => i.instanceId === "1948832")!.expireTime;
    const a = await h.order(json(renewBody()), token);
    expect(a.status, a.text).toBe(200);
    expect(a.body.result.instanceId).toBe("1948832");
    const after = h.mock.service
      .account("demo-client-id")!
      .instances.find((i) => i.instanceId === "1948832")!.expireTime;
    expect(after - before).toBe(365 * 24 * 3600 * 1000);
  });

  it("orders for a subordinate apply to that subordinate's instances", async () => {
    const a = await h.order(json({ ...expandBody(5), partnerId: SUB_WITH_INSTANCE }), token);
    expect(a.status, a.text).toBe(200);
    const acct = h.mock.service.account("demo-client-id")!;
    const sub = acct.instances.find((i) => i.instanceId === a.body.result.instanceId)!;
    expect(sub.partnerId).toBe("3076913644915998721");
    expect(sub.services["3049032137219817472"]).toBe(5);
    expect(acct.instances.find((i) => i.instanceId === "1948832")!.services["3049032137219817472"]).toBe(10);

    const t1 = await h.order(json({ ...trialBody(), partnerId: SUB_WITHOUT }), token);
    expect(t1.status, t1.text).toBe(200);
    // The subordinate's trial does not use up the account's own.
    expect((await h.order(json(trialBody()), token)).status).toBe(200);
  });
});
