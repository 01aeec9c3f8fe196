// trial_plan: a free trial instance of a plan, once per (user, product); no order number, ID or transaction.
import { DAY_MS } from "../clock.ts";
import { refuse } from "../errors.ts";
import type { Instance } from "../types.ts";
import type { Opening, OrderContext, OrderOutcome, OrderRequest } from "./context.ts";
import { makeOrder, orderLines, resultOf } from "./effects.ts";
import { checkBilling, checkConnection, planEntry, serviceEntry, splitPlan } from "./rules.ts";

export function decideTrialPlan(req: OrderRequest, ctx: OrderContext, open: Opening): OrderOutcome {
  const { product, pt, partnerId } = open;
  const { plan, planIndex, services } = splitPlan(req.serviceList, req.operationType);
  const entry = planEntry(product, pt, plan, planIndex);
  checkBilling(plan, planIndex, entry, false);
  const trialServices = services.map(({ item, i }) => {
    checkConnection(item, i, entry.planId, true);
    const s = serviceEntry(product, entry, item, i);
    checkBilling(item, i, s, false);
    return s;
  });
  const trialKey = `${partnerId}:${product.productId}`;
  if (ctx.lookup.trialUsed(trialKey))
    refuse(
      "trial_already_used",
      "productId",
      "trial_used",
      `${partnerId ? `subordinate ${partnerId}` : "this account"} already had a free trial of product ${product.productId}`,
    );
  const ids = (!partnerId && ctx.trialIds) || ctx.ids.peekInstance();
  const instance: Instance = {
    instanceId: ids.instanceId,
    productNo: ids.productNo,
    productId: product.productId,
    partnerId,
    planId: entry.planId,
    trial: true,
    quantity: entry.maxQuantity,
    services: Object.fromEntries(trialServices.map((s) => [s.serviceId, s.maxQuantity])),
    billingCycle: "",
    createTime: ctx.now,
    expireTime: ctx.now + (entry.trialDays ?? 30) * DAY_MS,
  };
  const lines = orderLines(req.serviceList, product);
  const order = makeOrder(open.base, { orderId: null, orderNo: "", transactionNo: "" }, instance, lines);
  return { order, instance, trialKey, result: resultOf(order) };
}
