// Every business rule of order/save refuses with its own code, names the field, and changes nothing.
import { beforeEach, describe, expect, it } from "vitest";
import { Harness, expectEnvelopeError } from "./harness.ts";
import {
  CONTACT_219,
  PLAN,
  RECORDING,
  SUB_WITHOUT,
  ULTIMATE,
  expandBody,
  json,
  purchasePlanBody,
  renewBody,
  trialBody,
} from "./bodies.ts";

type Body = Record<string, any>;
interface Case {
  rule: string;
  body: () => Body | string;
  status: number;
  code: string;
  field: string;
}

const edit = (b: Body, f: (b: Body) => void): Body => (f(b), b);
const item0 = (b: Body, patch: Body) => edit(b, (x) => Object.assign(x.serviceList[0], patch));

const cases: Case[] = [
  {
    rule: "purchaseType must fit operationType",
    body: () => item0(trialBody(), { purchaseType: "purchase" }),
    status: 422,
    code: "operation_type_mismatch",
    field: "serviceList[0].purchaseType",
  },
  {
    rule: "a *_service order takes only service items",
    body: () => item0(expandBody(), { serviceType: "plan" }),
    status: 422,
    code: "operation_type_mismatch",
    field: "serviceList[0].serviceType",
  },
  {
    rule: "productId must be orderable",
    body: () => ({ ...expandBody(), productId: 99 }),
    status: 422,
    code: "product_not_found",
    field: "productId",
  },
  {
    rule: "serviceId must exist in the catalog",
    body: () => item0(expandBody(), { serviceId: 1234567890123456789n }),
    status: 422,
    code: "service_not_found",
    field: "serviceList[0].serviceId",
  },
  {
    rule: "a trial service must be one of the trial plan's",
    body: () => edit(trialBody(), (b) => (b.serviceList[1].serviceId = ULTIMATE)),
    status: 422,
    code: "service_not_found",
    field: "serviceList[1].serviceId",
  },
  {
    rule: "a service item cannot name a plan",
    body: () => item0(expandBody(), { serviceId: PLAN }),
    status: 422,
    code: "service_type_mismatch",
    field: "serviceList[0].serviceType",
  },
  {
    rule: "a plan item cannot name a service",
    body: () => edit(item0(trialBody(), { serviceId: TRIAL() }), (b) => b.serviceList.pop()),
    status: 422,
    code: "service_type_mismatch",
    field: "serviceList[0].serviceType",
  },
  {
    rule: "billingId is required except for trials",
    body: () => edit(expandBody(), (b) => delete b.billingId),
    status: 400,
    code: "parameter_validation_failed",
    field: "billingId",
  },
  {
    rule: "billingId must be one of the caller's contacts",
    body: () => ({ ...expandBody(), billingId: 3197218168379846217n }),
    status: 422,
    code: "billing_contact_not_found",
    field: "billingId",
  },
  {
    rule: "partnerId must be a subordinate",
    body: () => ({ ...expandBody(), partnerId: 3076913644915998799n }),
    status: 422,
    code: "partner_not_found",
    field: "partnerId",
  },
  {
    rule: "assignId must be a subordinate too",
    body: () => ({ ...expandBody(), assignId: "42" }),
    status: 422,
    code: "partner_not_found",
    field: "assignId",
  },
  {
    rule: "a trial service needs connectionPlanId",
    body: () => edit(trialBody(), (b) => delete b.serviceList[1].connectionPlanId),
    status: 422,
    code: "connection_plan_mismatch",
    field: "serviceList[1].connectionPlanId",
  },
  {
    rule: "a trial service's connectionPlanId is the order's plan",
    body: () => edit(trialBody(), (b) => (b.serviceList[1].connectionPlanId = CONTACT_219)),
    status: 422,
    code: "connection_plan_mismatch",
    field: "serviceList[1].connectionPlanId",
  },
  {
    rule: "purchase_service needs connectionPlanId",
    body: () => edit(expandBody(), (b) => delete b.serviceList[0].connectionPlanId),
    status: 422,
    code: "connection_plan_mismatch",
    field: "serviceList[0].connectionPlanId",
  },
  {
    rule: "purchase_service's connectionPlanId must be a plan",
    body: () => item0(expandBody(), { connectionPlanId: ULTIMATE }),
    status: 422,
    code: "connection_plan_mismatch",
    field: "serviceList[0].connectionPlanId",
  },
  {
    rule: "purchase_service needs an instance of the target user",
    body: () => ({ ...expandBody(), partnerId: SUB_WITHOUT }),
    status: 422,
    code: "instance_not_found",
    field: "serviceList[0].connectionPlanId",
  },
  {
    rule: "productNo must name an instance of the target",
    body: () => ({ ...expandBody(), productNo: "1" }),
    status: 422,
    code: "instance_not_found",
    field: "productNo",
  },
  {
    rule: "quantity is required for a purchase",
    body: () => edit(expandBody(), (b) => delete b.serviceList[0].quantity),
    status: 422,
    code: "quantity_out_of_range",
    field: "serviceList[0].quantity",
  },
  {
    rule: "quantity must be positive",
    body: () => expandBody(0),
    status: 400,
    code: "parameter_validation_failed",
    field: "serviceList[0].quantity",
  },
  {
    rule: "quantity must be an integer",
    body: () => expandBody(2.5),
    status: 400,
    code: "parameter_validation_failed",
    field: "serviceList[0].quantity",
  },
  {
    rule: "quantity within the service's limits",
    body: () => expandBody(1001),
    status: 422,
    code: "quantity_out_of_range",
    field: "serviceList[0].quantity",
  },
  {
    rule: "plan quantity within the plan's limits",
    body: () => item0(purchasePlanBody(), { quantity: 2 }),
    status: 422,
    code: "quantity_out_of_range",
    field: "serviceList[0].quantity",
  },
  {
    rule: "billingCycle must be offered",
    body: () => item0(expandBody(), { billingCycle: "monthly" }),
    status: 422,
    code: "billing_option_not_allowed",
    field: "serviceList[0].billingCycle",
  },
  {
    rule: "billingCycle is required for a purchase",
    body: () => edit(expandBody(), (b) => delete b.serviceList[0].billingCycle),
    status: 422,
    code: "billing_option_not_allowed",
    field: "serviceList[0].billingCycle",
  },
  {
    rule: "multiCycle must be offered",
    body: () => item0(expandBody(), { multiCycle: 3 }),
    status: 422,
    code: "billing_option_not_allowed",
    field: "serviceList[0].multiCycle",
  },
  {
    rule: "billingModel must be a documented one",
    body: () => item0(expandBody(), { billingModel: "prepaid" }),
    status: 400,
    code: "parameter_validation_failed",
    field: "serviceList[0].billingModel",
  },
  {
    rule: "renew_plan quantity equals the current count",
    body: () => renewBody(99),
    status: 422,
    code: "renew_quantity_mismatch",
    field: "serviceList[0].quantity",
  },
  {
    rule: "renew_plan service quantity equals the current count",
    body: () => renewBody(100, 11),
    status: 422,
    code: "renew_quantity_mismatch",
    field: "serviceList[1].quantity",
  },
  {
    rule: "renew_plan needs an instance of the plan",
    body: () => ({ ...renewBody(), partnerId: SUB_WITHOUT }),
    status: 422,
    code: "instance_not_found",
    field: "serviceList[0].serviceId",
  },
  {
    rule: "operations without a Turnkey offer",
    body: () =>
      edit(item0(trialBody(), { purchaseType: "switch" }), (b) => {
        b.operationType = "switch_plan";
        b.billingId = CONTACT_219;
        b.serviceList.pop();
      }),
    status: 422,
    code: "operation_not_supported",
    field: "operationType",
  },
  {
    rule: "a plan order needs its plan item",
    body: () => edit(purchasePlanBody(), (b) => b.serviceList.shift()),
    status: 422,
    code: "invalid_service_list",
    field: "serviceList",
  },
  {
    rule: "no item twice",
    body: () => edit(expandBody(), (b) => b.serviceList.push({ ...b.serviceList[0] })),
    status: 422,
    code: "invalid_service_list",
    field: "serviceList[1].serviceId",
  },
  {
    rule: "a plan order's service connects to its plan",
    body: () => edit(purchasePlanBody(), (b) => (b.serviceList[1].connectionPlanId = RECORDING)),
    status: 422,
    code: "connection_plan_mismatch",
    field: "serviceList[1].connectionPlanId",
  },
  {
    rule: "a purchase_plan service item needs connectionPlanId (documented)",
    body: () => edit(purchasePlanBody(), (b) => delete b.serviceList[1].connectionPlanId),
    status: 400,
    code: "parameter_validation_failed",
    field: "serviceList[1].connectionPlanId",
  },
  {
    rule: "a renew_plan service item needs connectionPlanId (documented)",
    body: () => edit(renewBody(), (b) => delete b.serviceList[1].connectionPlanId),
    status: 400,
    code: "parameter_validation_failed",
    field: "serviceList[1].connectionPlanId",
  },
  {
    rule: "a renew_plan service item's connectionPlanId is the plan item's serviceId",
    body: () => edit(renewBody(), (b) => (b.serviceList[1].connectionPlanId = ULTIMATE)),
    status: 422,
    code: "connection_plan_mismatch",
    field: "serviceList[1].connectionPlanId",
  },
  {
    rule: "an ID is an integer, not a fraction",
    body: () => json(expandBody()).replace("3197218168379846218", "3197218168379846218.5"),
    status: 400,
    code: "parameter_validation_failed",
    field: "billingId",
  },
  {
    rule: "an ID has at most 19 digits",
    body: () => json(expandBody()).replace("3197218168379846218", "31972181683798462180"),
    status: 400,
    code: "parameter_validation_failed",
    field: "billingId",
  },
  {
    rule: "an ID is digits",
    body: () => ({ ...expandBody(), billingId: "31972181x" }),
    status: 400,
    code: "parameter_validation_failed",
    field: "billingId",
  },
];
function TRIAL() {
  return 3049033063168892928n;
}

let h: Harness;
let token: string;
beforeEach(async () => {
  h = await Harness.create();
  token = await h.token();
});

describe("order/save refusals: status, code, field, and no state change", () => {
  for (const c of cases) {
    it(`${c.rule} -> ${c.status} ${c.code} (${c.field})`, async () => {
      const before = h.snapshot();
      const body = c.body();
      const a = await h.order(typeof body === "string" ? body : json(body), token);
      expectEnvelopeError(a, c.status, c.code, c.field);
      expect(h.snapshot()).toBe(before);
      expect(h.mock.violations).toEqual([]);
    });
  }
});

describe("rules that need state first", () => {
  it("one free trial per user and product: the second is 409 and changes nothing", async () => {
    expect((await h.order(json(trialBody()), token)).status).toBe(200);
    const before = h.snapshot();
    expectEnvelopeError(await h.order(json(trialBody()), token), 409, "trial_already_used", "productId");
    expect(h.snapshot()).toBe(before);
  });

  it("a trial instance cannot be expanded: purchase_service needs a non-trial instance", async () => {
    expect((await h.order(json({ ...trialBody(), partnerId: SUB_WITHOUT }), token)).status).toBe(200);
    expectEnvelopeError(
      await h.order(json({ ...expandBody(), partnerId: SUB_WITHOUT }), token),
      422,
      "instance_not_found",
    );
  });

  it("an expired instance cannot be expanded until it is renewed", async () => {
    await h.advance(366 * 24 * 3600);
    token = await h.token();
    const before = h.snapshot();
    expectEnvelopeError(
      await h.order(json(expandBody()), token),
      422,
      "instance_expired",
      "serviceList[0].connectionPlanId",
    );
    expect(h.snapshot()).toBe(before);
    expect((await h.order(json(renewBody()), token)).status).toBe(200);
    expect((await h.order(json(expandBody()), token)).status).toBe(200);
  });
});
