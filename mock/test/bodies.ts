// Order bodies for tests, with IDs as bigint so they are written as bare 19-digit numbers.
import { stringifyJson } from "../../openapi/json.ts";

export const PLAN = 3048941892189077504n;
export const ULTIMATE = 3049032137219817472n;
export const EXTENSIONS = 3049031562138411008n;
export const RECORDING = 3049031755294498816n;
export const TRIAL_SERVICE = 3049033063168892928n;
export const CONTACT = 3197218168379846218n;
export const CONTACT_219 = 3197218168379846219n;
export const SUB_WITH_INSTANCE = 3076913644915998721n;
export const SUB_WITHOUT = 3076913644915998722n;

type Body = Record<string, any>;

export const trialBody = (): Body => ({
  operationType: "trial_plan",
  productId: 14,
  serviceList: [
    { serviceType: "plan", serviceId: PLAN, purchaseType: "trial", multiCycle: 0 },
    { connectionPlanId: PLAN, serviceType: "service", serviceId: TRIAL_SERVICE, purchaseType: "trial", multiCycle: 0 },
  ],
});

/** The documented expand-capacity body; `serviceId` another service of the plan (EXTENSIONS for volume tests:
 * Ultimate Plan extensions cannot outnumber the instance's extensions). */
export const expandBody = (quantity = 50, serviceId = ULTIMATE): Body => ({
  operationType: "purchase_service",
  productId: 14,
  billingId: CONTACT,
  serviceList: [
    {
      connectionPlanId: PLAN,
      serviceType: "service",
      serviceId,
      quantity,
      purchaseType: "purchase",
      billingModel: "recurring",
      billingCycle: "annually",
      multiCycle: 0,
    },
  ],
});

export const purchasePlanBody = (): Body => ({
  operationType: "purchase_plan",
  productId: 14,
  billingId: CONTACT,
  serviceList: [
    {
      serviceType: "plan",
      serviceId: PLAN,
      quantity: 20,
      purchaseType: "purchase",
      billingModel: "recurring",
      billingCycle: "annually",
      multiCycle: 1,
    },
    {
      serviceType: "service",
      serviceId: RECORDING,
      connectionPlanId: PLAN,
      quantity: 200,
      purchaseType: "purchase",
      billingModel: "recurring",
      billingCycle: "annually",
      multiCycle: 0,
    },
  ],
});

/** Renews the demo account's seeded instance (100 extensions, 10 Ultimate Plan). */
export const renewBody = (quantity = 100, ultimate = 10): Body => ({
  operationType: "renew_plan",
  productId: 14,
  billingId: CONTACT,
  serviceList: [
    {
      serviceType: "plan",
      serviceId: PLAN,
      quantity,
      purchaseType: "renew",
      billingModel: "recurring",
      billingCycle: "annually",
      multiCycle: 0,
    },
    {
      serviceType: "service",
      serviceId: ULTIMATE,
      connectionPlanId: PLAN,
      quantity: ultimate,
      purchaseType: "renew",
      billingModel: "recurring",
      billingCycle: "annually",
      multiCycle: 0,
    },
  ],
});

export const json = (b: unknown) => stringifyJson(b);
