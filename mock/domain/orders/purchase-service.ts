// purchase_service: more of the services of an existing, active, non-trial instance (expand capacity).
import { findPlan } from "../catalog.ts";
import { refuse } from "../errors.ts";
import type { Effect } from "../types.ts";
import type { Opening, OrderContext, OrderOutcome, OrderRequest } from "./context.ts";
import { applyEffect, paid } from "./effects.ts";
import { at, checkBilling, checkQuantity, checkWithinExtensions, id, ownedInstance, serviceEntry } from "./rules.ts";

/** Every item names the instance's current plan as connectionPlanId: required here (documented), and one plan. */
function connectedPlan(req: OrderRequest): string {
  const plans = req.serviceList.map((item, i) => {
    if (item.connectionPlanId === undefined)
      refuse(
        "connection_plan_mismatch",
        at(i, "connectionPlanId"),
        "required",
        "is required: the current plan of the instance to expand",
      );
    return id(item.connectionPlanId, at(i, "connectionPlanId"));
  });
  const other = plans.findIndex((p) => p !== plans[0]);
  if (other >= 0)
    refuse(
      "invalid_service_list",
      at(other, "connectionPlanId"),
      "mixed_plans",
      `all items must connect to the same plan, ${plans[0]}`,
    );
  return plans[0]!;
}

export function decidePurchaseService(req: OrderRequest, ctx: OrderContext, open: Opening): OrderOutcome {
  const { product } = open;
  const planId = connectedPlan(req);
  const entry =
    findPlan(product, "purchase", planId) ??
    refuse(
      "connection_plan_mismatch",
      at(0, "connectionPlanId"),
      "not_found",
      `${planId} is not a plan of product ${product.productId}`,
    );
  const current = ownedInstance(ctx, open, planId, req.productNo, at(0, "connectionPlanId"));
  if (current.expireTime <= ctx.now)
    refuse(
      "instance_expired",
      at(0, "connectionPlanId"),
      "expired",
      `instance ${current.instanceId} expired on ${new Date(current.expireTime).toISOString()}; renew it first`,
    );
  const items = req.serviceList.map((item, i) => ({ item, i }));
  const adds = items.map(({ item, i }) => {
    const s = serviceEntry(product, entry, item, i);
    const q = checkQuantity(item, i, s);
    checkBilling(item, i, s, true);
    return [s.serviceId, q] as const;
  });
  const effect: Effect = { kind: "add", instanceId: current.instanceId, services: Object.fromEntries(adds) };
  const after = applyEffect(current, effect, ctx.now);
  checkWithinExtensions(product, after, items);
  return paid(ctx, open.base, req.serviceList, product, after, effect);
}
