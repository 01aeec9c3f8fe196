// order/save as a pure decision: the shared opening, then the decider of the operation kind.
import { refuse } from "../errors.ts";
import type { OrderContext, OrderOutcome, OrderRequest } from "./context.ts";
import { openOrder } from "./opening.ts";
import { decidePurchasePlan } from "./purchase-plan.ts";
import { decidePurchaseService } from "./purchase-service.ts";
import { decideRenewPlan } from "./renew-plan.ts";
import { decideTrialPlan } from "./trial-plan.ts";

/** The operation kinds Turnkey offers through the API (assumed: no Turnkey tutorial shows the others). */
const DECIDERS = {
  trial_plan: decideTrialPlan,
  purchase_plan: decidePurchasePlan,
  purchase_service: decidePurchaseService,
  renew_plan: decideRenewPlan,
} as const;

/** The order and the instance as they would be after it, or a refusal (thrown). Changes nothing. */
export function decideOrder(req: OrderRequest, ctx: OrderContext): OrderOutcome {
  const open = openOrder(req, ctx, (op) => Object.hasOwn(DECIDERS, op));
  const op = req.operationType as keyof typeof DECIDERS;
  if (op !== "trial_plan" && open.billingContactId === "")
    refuse("parameter_validation_failed", "billingId", "required", `is required for ${op}`);
  return DECIDERS[op](req, ctx, open);
}
