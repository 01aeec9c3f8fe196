// What an order is once decided: its record, its answer, its lines, and what it does to an instance.
import { nameOf } from "../catalog.ts";
import type { Effect, Instance, Order, OrderLine, OrderResult, Product } from "../types.ts";
import type { Item, OrderBase, OrderContext, OrderOutcome } from "./context.ts";

/**
 * One literal with every field in a fixed order, so all orders share one hidden class. (Built with object
 * spreads, each order got a shape of its own, about 400 bytes apiece, measured in a heap snapshot.)
 */
export function makeOrder(
  b: OrderBase,
  ids: Pick<Order, "orderId" | "orderNo" | "transactionNo">,
  instance: Instance,
  lines: OrderLine[],
): Order {
  return {
    status: "succeed",
    effect: undefined,
    orderId: ids.orderId,
    orderNo: ids.orderNo,
    transactionNo: ids.transactionNo,
    instanceId: instance.instanceId,
    productNo: instance.productNo,
    productId: b.productId,
    operationType: b.operationType,
    partnerId: b.partnerId,
    billingContactId: b.billingContactId,
    poNumber: b.poNumber,
    createTime: b.createTime,
    requestText: b.requestText,
    lines,
  };
}

/** A paid order: fresh order IDs, the instance as it will be, and the effect that makes it so. */
export function paid(
  ctx: OrderContext,
  base: OrderBase,
  items: Item[],
  product: Product,
  instance: Instance,
  effect: Effect,
): OrderOutcome {
  const order = makeOrder(base, ctx.ids.peekOrder(), instance, orderLines(items, product));
  return { order, instance, effect, result: resultOf(order) };
}

/** Identical lines are shared between orders (they are never changed): a few hundred bytes an order saved. */
const interned = new Map<string, OrderLine[]>();
const MAX_INTERNED = 1000;
/** What the lines are made from, besides the product. */
const ITEM_FIELDS = [
  "serviceType",
  "serviceId",
  "purchaseType",
  "connectionPlanId",
  "quantity",
  "billingModel",
  "billingCycle",
  "multiCycle",
] as const;
/** The lines made or found last, and what they were made from: a client repeating an order finds them without
 * building a key. */
let last: { productId: number; items: Item[]; lines: OrderLine[] } | undefined;

const sameItems = (a: Item[], b: Item[]) =>
  a.length === b.length && a.every((x, i) => ITEM_FIELDS.every((f) => x[f] === b[i]![f]));

/** The lines Get Order Details shows, made once when the order is decided: a service line without
 * connectionPlanId connects to the order's plan. */
export function orderLines(items: Item[], product: Product): OrderLine[] {
  if (last !== undefined && last.productId === product.productId && sameItems(last.items, items)) return last.lines;
  // Keyed by what the lines are made from (the product and each item's fields), so a known order's lines are
  // neither made nor serialized again.
  let key = String(product.productId);
  for (const it of items) key += `\u0001${ITEM_FIELDS.map((f) => String(it[f])).join("\u0002")}`;
  let lines = interned.get(key);
  if (lines === undefined) {
    lines = makeLines(items, product);
    if (interned.size >= MAX_INTERNED) interned.clear();
    interned.set(key, lines);
  }
  last = { productId: product.productId, items, lines };
  return lines;
}

function makeLines(items: Item[], product: Product): OrderLine[] {
  const plan = items.find((it) => it.serviceType === "plan");
  const planId = plan === undefined ? undefined : String(plan.serviceId);
  return items.map((item) => {
    const sid = String(item.serviceId);
    const out: OrderLine = {
      serviceType: item.serviceType,
      serviceId: sid,
      name: nameOf(product, sid),
      purchaseType: item.purchaseType,
    };
    if (item.serviceType === "service" && (item.connectionPlanId !== undefined || planId))
      out.connectionPlanId = String(item.connectionPlanId ?? planId);
    if (item.quantity !== undefined) out.quantity = item.quantity;
    if (item.billingModel !== undefined) out.billingModel = item.billingModel;
    if (item.billingCycle !== undefined) out.billingCycle = item.billingCycle;
    if (item.multiCycle !== undefined) out.multiCycle = item.multiCycle;
    return out;
  });
}

/**
 * The instance as an effect leaves it (a new object): used when an order applies at once, and when a pending
 * order is settled later, against the instance as it is then. A new instance's term starts when it is paid.
 */
export function applyEffect(current: Instance | undefined, effect: Effect, now: number): Instance {
  if (effect.kind === "new") {
    const term = effect.instance.expireTime - effect.instance.createTime;
    return withChanges(effect.instance, { ...effect.instance.services }, now, now + term);
  }
  if (!current) throw new Error(`instance ${effect.instanceId} is gone`);
  if (effect.kind === "add") {
    const services = { ...current.services };
    for (const [sid, q] of Object.entries(effect.services)) services[sid] = (services[sid] ?? 0) + q;
    return withChanges(current, services, current.createTime, current.expireTime);
  }
  const expireTime = Math.max(current.expireTime, now) + effect.cycleMs;
  return withChanges(current, { ...current.services }, current.createTime, expireTime, effect.billingCycle);
}

/** A copy of an instance with new services and times, spelled out (a spread is slow; #putInstance stores it). */
function withChanges(
  i: Instance,
  services: Record<string, number>,
  createTime: number,
  expireTime: number,
  billingCycle = i.billingCycle,
): Instance {
  const { instanceId, productNo, productId, partnerId, planId, trial, quantity } = i;
  return {
    instanceId,
    productNo,
    productId,
    partnerId,
    planId,
    trial,
    quantity,
    services,
    billingCycle,
    createTime,
    expireTime,
  };
}

export function resultOf(order: Order): OrderResult {
  return {
    instanceId: order.instanceId,
    orderId: order.orderId,
    orderNo: order.orderNo,
    orderStatus: order.status ?? "succeed",
    productNo: order.productNo,
    transactionNo: order.transactionNo,
  };
}
