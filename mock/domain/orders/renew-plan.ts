// renew_plan: one more billing cycle for an instance; every quantity must equal what the instance has now.
import { refuse } from "../errors.ts";
import type { Effect } from "../types.ts";
import type { Opening, OrderContext, OrderOutcome, OrderRequest } from "./context.ts";
import { applyEffect, paid } from "./effects.ts";
import { planAndServices } from "./plan-items.ts";
import { at, cycleMs, ownedInstance } from "./rules.ts";

export function decideRenewPlan(req: OrderRequest, ctx: OrderContext, open: Opening): OrderOutcome {
  const { plan, planIndex, entry, serviceItems } = planAndServices(req, open);
  const current = ownedInstance(ctx, open, entry.planId, req.productNo, at(planIndex, "serviceId"));
  if (plan.quantity !== current.quantity)
    refuse(
      "renew_quantity_mismatch",
      at(planIndex, "quantity"),
      "mismatch",
      `must equal the current count of instance ${current.instanceId}, ${current.quantity}`,
    );
  for (const { item, i, s } of serviceItems) {
    const count = current.services[s.serviceId] ?? 0;
    if (item.quantity !== count)
      refuse(
        "renew_quantity_mismatch",
        at(i, "quantity"),
        "mismatch",
        `must equal the current count of ${s.name} on instance ${current.instanceId}, ${count}`,
      );
  }
  const effect: Effect = {
    kind: "extend",
    instanceId: current.instanceId,
    cycleMs: cycleMs(plan.billingCycle!, plan.multiCycle ?? 0),
    billingCycle: plan.billingCycle!,
  };
  return paid(ctx, open.base, req.serviceList, open.product, applyEffect(current, effect, ctx.now), effect);
}
