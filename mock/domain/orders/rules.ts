// The checks of order/save's items that several operation kinds share. Each refuses with the field at fault.
import { refuse } from "../errors.ts";
import { DAY_MS } from "../clock.ts";
import { findPlan, findService, kindOf } from "../catalog.ts";
import type { CatalogPlan, CatalogService, Instance, Product, PurchaseType } from "../types.ts";
import type { Item, Opening, OrderContext } from "./context.ts";

/** An int64 field as its exact digit string (a number here is always a safe integer, or it is refused). */
export function id(value: unknown, field: string): string {
  if (typeof value === "number" && !Number.isSafeInteger(value))
    refuse("parameter_validation_failed", field, "type", "must be an exact integer ID (no fraction or exponent)");
  return String(value);
}

export const at = (i: number, key: string) => `serviceList[${i}].${key}`;

export function cycleMs(billingCycle: string, multiCycle: number): number {
  const cycles = Math.max(1, multiCycle);
  return billingCycle === "monthly" ? 30 * DAY_MS * cycles : 365 * DAY_MS * cycles;
}

export function checkBilling(item: Item, i: number, offer: CatalogPlan | CatalogService, needCycle: boolean): void {
  if (item.billingModel !== undefined && item.billingModel !== offer.billingModel)
    refuse("billing_option_not_allowed", at(i, "billingModel"), "not_allowed", `must be ${offer.billingModel}`);
  if (needCycle && item.billingCycle === undefined)
    refuse(
      "billing_option_not_allowed",
      at(i, "billingCycle"),
      "required",
      `is required; ${offer.name} offers ${offer.billingCycles.join(", ")}`,
    );
  if (item.billingCycle !== undefined && !offer.billingCycles.includes(item.billingCycle))
    refuse(
      "billing_option_not_allowed",
      at(i, "billingCycle"),
      "not_allowed",
      `${item.billingCycle} is not offered for ${offer.name}${offer.billingCycles.length ? `; offered: ${offer.billingCycles.join(", ")}` : " (no billing cycle applies)"}`,
    );
  const multi = item.multiCycle ?? 0;
  if (!offer.multiCycles.includes(multi))
    refuse(
      "billing_option_not_allowed",
      at(i, "multiCycle"),
      "not_allowed",
      `${multi} is not offered for ${offer.name}; offered: ${offer.multiCycles.join(", ")}`,
    );
}

export function checkQuantity(item: Item, i: number, offer: CatalogPlan | CatalogService): number {
  const q = item.quantity;
  if (q === undefined) refuse("quantity_out_of_range", at(i, "quantity"), "required", `is required for ${offer.name}`);
  if (q < offer.minQuantity || q > offer.maxQuantity)
    refuse(
      "quantity_out_of_range",
      at(i, "quantity"),
      "range",
      `${q} is outside ${offer.minQuantity}..${offer.maxQuantity} for ${offer.name}`,
    );
  return q;
}

/** The catalog entry of a plan item, telling a wrong serviceType from an unknown ID. */
export function planEntry(product: Product, pt: PurchaseType, item: Item, i: number): CatalogPlan {
  const sid = id(item.serviceId, at(i, "serviceId"));
  const plan = findPlan(product, pt, sid);
  if (plan) return plan;
  if (kindOf(product, sid) === "service")
    refuse("service_type_mismatch", at(i, "serviceType"), "mismatch", `${sid} is a service, not a plan`);
  return refuse(
    "service_not_found",
    at(i, "serviceId"),
    "not_found",
    `no ${pt} plan ${sid} in product ${product.productId}`,
  );
}

export function serviceEntry(product: Product, plan: CatalogPlan, item: Item, i: number): CatalogService {
  const sid = id(item.serviceId, at(i, "serviceId"));
  const service = findService(plan, sid);
  if (service) return service;
  if (kindOf(product, sid) === "plan")
    refuse("service_type_mismatch", at(i, "serviceType"), "mismatch", `${sid} is a plan, not a service`);
  return refuse(
    "service_not_found",
    at(i, "serviceId"),
    "not_found",
    `no ${plan.purchaseType} service ${sid} for plan ${plan.planId} in product ${product.productId}`,
  );
}

/**
 * connectionPlanId on a service item of a *_plan order: required, and equal to the plan item's serviceId
 * (documented: "required only when you subscribe to both plan and service, and it should be the same as Plan
 * ID"). A paid order without it is malformed (400); a trial's answers 422, as it always has (assumed).
 */
export function checkConnection(item: Item, i: number, planId: string, trial: boolean): void {
  if (item.connectionPlanId === undefined)
    refuse(
      trial ? "connection_plan_mismatch" : "parameter_validation_failed",
      at(i, "connectionPlanId"),
      "required",
      `is required when the order holds a plan and a service, and must be the plan ${planId}`,
    );
  const cid = id(item.connectionPlanId, at(i, "connectionPlanId"));
  if (cid !== planId)
    refuse(
      "connection_plan_mismatch",
      at(i, "connectionPlanId"),
      "mismatch",
      `${cid} must equal the plan of this order, ${planId}`,
    );
}

/**
 * Ultimate Plan extensions are carved out of the instance's extensions (assumed, from the portal's description):
 * refuses an instance that would hold more of a `withinExtensions` service than extensions (plan + expansions).
 */
export function checkWithinExtensions(
  product: Product,
  instance: Instance,
  items: Array<{ item: Item; i: number }>,
): void {
  const plan = findPlan(product, "purchase", instance.planId);
  const services = plan?.serviceList ?? [];
  const total = (flag: "withinExtensions" | "addsExtensions") =>
    services.filter((s) => s[flag]).reduce((n, s) => n + (instance.services[s.serviceId] ?? 0), 0);
  const extensions = instance.quantity + total("addsExtensions");
  const within = total("withinExtensions");
  if (within <= extensions) return;
  const culprit = items.find(({ item }) =>
    services.some((s) => s.withinExtensions && s.serviceId === String(item.serviceId)),
  );
  refuse(
    "quantity_out_of_range",
    culprit ? at(culprit.i, "quantity") : "serviceList",
    "exceeds_extensions",
    `would give instance ${instance.instanceId} ${within} Ultimate Plan extensions but only ${extensions} extensions`,
  );
}

/** The single plan item of a *_plan order, and its service items. */
export function splitPlan(
  items: Item[],
  op: string,
): { plan: Item; planIndex: number; services: Array<{ item: Item; i: number }> } {
  const planIdx: number[] = [];
  for (let i = 0; i < items.length; i++) if (items[i]!.serviceType === "plan") planIdx.push(i);
  if (planIdx.length !== 1)
    refuse(
      "invalid_service_list",
      "serviceList",
      planIdx.length ? "duplicate_plan" : "plan_required",
      `a ${op} order needs exactly one plan item, got ${planIdx.length}`,
    );
  const planIndex = planIdx[0]!;
  return {
    plan: items[planIndex]!,
    planIndex,
    services: items.map((item, i) => ({ item, i })).filter(({ i }) => i !== planIndex),
  };
}

/** The target user's instance of a plan that an order may change: not a trial, optionally a given productNo. */
export function ownedInstance(
  ctx: OrderContext,
  open: Opening,
  planId: string,
  productNo: string | undefined,
  field: string,
): Instance {
  const found = ctx.lookup.ownedInstance(open.partnerId, open.product.productId, planId, productNo);
  if (found) return found;
  const who = open.partnerId ? `subordinate ${open.partnerId}` : "this account";
  return refuse(
    "instance_not_found",
    productNo ? "productNo" : field,
    "not_found",
    `${who} has no active instance of plan ${planId}${productNo ? ` with productNo ${productNo}` : ""}`,
  );
}
