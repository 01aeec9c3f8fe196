// The rest of the documented read side: products (list, detail), plan and add-on info, list prices, one
// subordinate. Each refuses an unknown ID with a 4xx envelope, and the product read side reflects every order.
import { beforeEach, describe, expect, it } from "vitest";
import { expandBody, json, purchasePlanBody, renewBody, trialBody, SUB_WITH_INSTANCE } from "./bodies.ts";
import { expectEnvelopeError, Harness } from "./harness.ts";

let h: Harness;
let token: string;
beforeEach(async () => {
  h = await Harness.create();
  token = await h.token();
});
const PRODUCTS = "/product/openapi/instance_product/v1/client/instance_product_list";
const DETAIL = "/product/openapi/instance_product/v1/detail";
const products = async () => (await h.get(`${PRODUCTS}?productId=14`, token)).body.result;
const detail = async (productNo: string) =>
  (await h.get(`${DETAIL}?productId=14&productNo=${productNo}`, token)).body.result;

describe("Query Product List and Get Product Details", () => {
  it("list the account's products with the counts a renewal needs", async () => {
    const page = await products();
    expect(page).toMatchObject({ pageNo: 1, pageSize: 25 });
    const own = page.results.find((p: any) => p.partnerId === "");
    expect(own).toMatchObject({
      productNo: "3076913644890832896",
      instanceId: "1948832",
      activationStatus: "activated",
      trial: false,
      extensions: 100,
      status: "active",
    });
    expect(own.services).toContainEqual({ serviceId: "3049032137219817472", name: "Ultimate Plan", quantity: 10 });
    expect(await detail(own.productNo)).toEqual(own);
  });

  it("reflect every order: an expansion, a trial, a renewal, a purchase", async () => {
    expect((await h.order(json(expandBody(5)), token)).status).toBe(200);
    expect((await detail("3076913644890832896")).services).toContainEqual(
      expect.objectContaining({ name: "Ultimate Plan", quantity: 15 }),
    );
    const trial = (await h.order(json(trialBody()), token)).body.result;
    expect((await products()).results[0]).toMatchObject({ instanceId: trial.instanceId, trial: true, status: "trial" });
    const before = (await detail("3076913644890832896")).expireTime;
    expect((await h.order(json(renewBody(100, 15)), token)).status).toBe(200);
    expect((await detail("3076913644890832896")).expireTime).toBeGreaterThan(before);
    const count = (await products()).total;
    const bought = (await h.order(json(purchasePlanBody()), token)).body.result;
    const after = await products();
    expect(after.total).toBe(count + 1);
    expect(await detail(bought.productNo)).toMatchObject({ extensions: 20, trial: false });
  });

  it("refuse an unknown productNo or productId with 404", async () => {
    expectEnvelopeError(
      await h.get(`${DETAIL}?productId=14&productNo=999`, token),
      404,
      "resource_not_found",
      "productNo",
    );
    expectEnvelopeError(await h.get(`${PRODUCTS}?productId=99`, token), 404, "resource_not_found", "productId");
    expectEnvelopeError(await h.get(`${DETAIL}?productId=14`, token), 400, "parameter_validation_failed", "productNo");
  });
});

describe("plan and add-on info, prices, subordinates", () => {
  const PLAN = "3048941892189077504";
  const ULTIMATE = "3049032137219817472";
  const OWN = "3076913644890832896";
  it("plan_info and add_on_info for trial, purchase and renew", async () => {
    for (const pt of ["trial", "purchase", "renew"]) {
      const q = pt === "renew" ? `productId=14&productNo=${OWN}` : "productId=14";
      const plan = await h.get(`/pricing/openapi/purchase/v1/${pt}/plan_info/${PLAN}?${q}`, token);
      expect(plan.status, plan.text).toBe(200);
      expect(plan.body.result).toMatchObject({ planId: PLAN, purchaseType: pt });
    }
    const addOn = await h.get(
      `/pricing/openapi/purchase/v1/purchase/add_on_info/${ULTIMATE}?productId=14&connectionPlanId=${PLAN}`,
      token,
    );
    expect(addOn.body.result).toMatchObject({
      serviceId: ULTIMATE,
      name: "Ultimate Plan",
      prices: { annually: "12.00" },
    });
    expectEnvelopeError(
      await h.get(`/pricing/openapi/purchase/v1/trial/add_on_info/${ULTIMATE}?productId=14`, token),
      404,
      "resource_not_found",
      "pricingServiceId",
    );
    expectEnvelopeError(
      await h.get(`/pricing/openapi/purchase/v1/renew/plan_info/123?productId=14&productNo=${OWN}`, token),
      404,
      "resource_not_found",
      "pricingPlanId",
    );
    expectEnvelopeError(
      await h.get(`/pricing/openapi/purchase/v1/switch/plan_info/${PLAN}?productId=14`, token),
      400,
      "parameter_validation_failed",
      "purchaseType",
    );
  });

  it("the renewal lookups require productNo (documented) naming a product the caller holds", async () => {
    for (const kind of [`plan_info/${PLAN}`, `add_on_info/${ULTIMATE}`]) {
      const url = `/pricing/openapi/purchase/v1/renew/${kind}?productId=14`;
      expectEnvelopeError(await h.get(url, token), 400, "parameter_validation_failed", "productNo");
      // A serial number is a valid productNo: one the account does not hold is not found, not malformed.
      expectEnvelopeError(await h.get(`${url}&productNo=3631E3418911`, token), 404, "resource_not_found", "productNo");
      const ok = await h.get(`${url}&productNo=${OWN}`, token);
      expect(ok.status, ok.text).toBe(200);
    }
    // The renewal add_on_info page lists only productNo and productId: a connectionPlanId changes nothing.
    const addOn = `/pricing/openapi/purchase/v1/renew/add_on_info/${ULTIMATE}?productId=14&productNo=${OWN}`;
    const plain = await h.get(addOn, token);
    const withPlan = await h.get(`${addOn}&connectionPlanId=123`, token);
    expect(withPlan.status, withPlan.text).toBe(200);
    expect(withPlan.body.result).toEqual(plain.body.result);
  });

  it("Query Product Model: an unknown serial number is 404 naming productNo, a Turnkey product 422", async () => {
    const MODEL = "/product/openapi/instance/v1/product_model";
    expectEnvelopeError(
      await h.get(`${MODEL}?productId=14&productNo=3631E3418911`, token),
      404,
      "resource_not_found",
      "productNo",
    );
    expectEnvelopeError(
      await h.get(`${MODEL}?productId=99&productNo=${OWN}`, token),
      404,
      "resource_not_found",
      "productId",
    );
    expectEnvelopeError(await h.get(`${MODEL}?productId=14`, token), 400, "parameter_validation_failed", "productNo");
    const before = h.snapshot();
    expectEnvelopeError(
      await h.get(`${MODEL}?productId=14&productNo=${OWN}`, token),
      422,
      "operation_not_supported",
      "productId",
    );
    expect(h.snapshot()).toBe(before);
  });

  it("my_price_info lists the plan and its services at list price for the billing cycle", async () => {
    const offering = "3048941892189077187";
    const annual = await h.get(
      `/pricing/openapi/purchase/v1/my_price_info?productId=14&billingCycle=annually&offeringId=${offering}`,
      token,
    );
    expect(annual.status, annual.text).toBe(200);
    const plan = annual.body.result.planList[0];
    expect(plan).toMatchObject({ id: PLAN, unitPrice: "40.00" });
    expect(plan.serviceList).toContainEqual({
      id: ULTIMATE,
      name: "Ultimate Plan",
      unitPrice: "12.00",
      unit: "extension",
    });
    const monthly = await h.get(
      `/pricing/openapi/purchase/v1/my_price_info?productId=14&billingCycle=monthly&offeringId=${offering}`,
      token,
    );
    expect(monthly.body.result.planList[0].serviceList.map((s: any) => s.name)).toEqual(["Extension Expansion"]);
    expectEnvelopeError(
      await h.get(`/pricing/openapi/purchase/v1/my_price_info?productId=14&billingCycle=annually&offeringId=1`, token),
      404,
      "resource_not_found",
      "offeringId",
    );
    expectEnvelopeError(
      await h.get(
        `/pricing/openapi/purchase/v1/my_price_info?productId=14&billingCycle=annually&offeringId=${offering}&partnerId=nobody`,
        token,
      ),
      422,
      "partner_not_found",
      "partnerId",
    );
  });

  it("one subordinate by partnerId or e-mail; another string is 422 partner_not_found", async () => {
    const byId = await h.get(`/user/openapi/user/v1/subordinate_user/${SUB_WITH_INSTANCE}`, token);
    expect(byId.body.result.email).toBe("ana.lima@northwind.example");
    const byMail = await h.get(`/user/openapi/user/v1/subordinate_user/ana.lima@northwind.example`, token);
    expect(byMail.body.result.partnerId).toBe(String(SUB_WITH_INSTANCE));
    // The documented request, verbatim: GET /user/openapi/user/v1/subordinate_user/color123@yeastar.com
    const documented = await h.get(`/user/openapi/user/v1/subordinate_user/color123@yeastar.com`, token);
    expect(documented.status, documented.text).toBe(200);
    expect(documented.body.result).toMatchObject({ email: "color123@yeastar.com", userType: "Enduser" });
    expectEnvelopeError(
      await h.get(`/user/openapi/user/v1/subordinate_user/nobody@yeastar.example`, token),
      422,
      "partner_not_found",
      "partnerId",
    );
  });

  it("an order for a partnerId that is a string but no subordinate: 422 partner_not_found, not 400", async () => {
    const body = { ...expandBody(1), partnerId: "nobody@yeastar.example" };
    expectEnvelopeError(await h.order(json(body), token), 422, "partner_not_found", "partnerId");
    const byMail = { ...expandBody(1), partnerId: "ana.lima@northwind.example" };
    const r = await h.order(json(byMail), token);
    expect(r.status, r.text).toBe(200);
  });
});

describe("fidelity", () => {
  it("the demo account's trial answers the documented IDs: instance 1948747, productNo 3076913644890832896", async () => {
    const r = await h.order(json(trialBody()), token);
    expect(r.text).toContain('"instanceId":"1948747"');
    expect(r.text).toContain('"productNo":"3076913644890832896"');
    // The trial and the paid instance share the product's number; its details show the paid one.
    expect((await detail("3076913644890832896")).instanceId).toBe("1948832");
  });

  it("a serial number such as 3631E3418911 is a valid productNo: unknown to the mock, never a 400", async () => {
    const before = h.snapshot();
    expectEnvelopeError(
      await h.get(`${DETAIL}?productId=14&productNo=3631E3418911`, token),
      404,
      "resource_not_found",
      "productNo",
    );
    const order = { ...expandBody(1), productNo: "3631E3418911" };
    expectEnvelopeError(await h.order(json(order), token), 422, "instance_not_found", "productNo");
    expect(h.snapshot()).toBe(before);
  });

  it("Ultimate Plan extensions cannot outnumber the instance's extensions: 422 quantity_out_of_range", async () => {
    const before = h.snapshot();
    // 100 extensions, 10 Ultimate: 91 more would make 101.
    expectEnvelopeError(
      await h.order(json(expandBody(91)), token),
      422,
      "quantity_out_of_range",
      "serviceList[0].quantity",
    );
    expect(h.snapshot()).toBe(before);
    expect((await h.order(json(expandBody(90)), token)).status).toBe(200);
  });
});
