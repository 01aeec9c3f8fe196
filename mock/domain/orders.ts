// The business rules of order/save, as a pure decision: from a request and the current state, the order and
// the instance as they would be after it, or a refusal. Nothing here changes state; the service applies the
// outcome as one change record (see service.ts), live and on replay alike.
import { parseJson } from "../../openapi/json.ts";
import { refuse } from "./errors.ts";
import { DAY_MS } from "./clock.ts";
import { findPlan, findService, kindOf, nameOf } from "./catalog.ts";
import type { IdSequence } from "./ids.ts";
import type {
  Account,
  CatalogPlan,
  Effect,
  CatalogService,
  Instance,
  Order,
  OrderLine,
  OrderResult,
  Product,
  PurchaseType,
} from "./types.ts";

/** An order/save body after schema validation: int64 IDs are safe numbers or digit strings. */
export interface OrderRequest {
  operationType: string;
  productId: number;
  productNo?: string;
  partnerId?: number | string;
  assignId?: number | string;
  billingId?: number | string;
  poNumber?: string;
  serviceList: Array<{
    serviceType: "plan" | "service";
    serviceId: number | string;
    connectionPlanId?: number | string;
    quantity?: number;
    purchaseType: PurchaseType;
    billingModel?: string;
    billingCycle?: string;
    multiCycle?: number;
  }>;
}

type Item = OrderRequest["serviceList"][number];

export interface OrderContext {
  /** Read only: the decision never changes it. */
  account: Readonly<Account>;
  catalog: ReadonlyMap<number, Product>;
  ids: Pick<IdSequence, "peekOrder" | "peekInstance">;
  /** IDs for this account's own free trial instead of fresh ones (the demo account: the documented answer). */
  trialIds?: { instanceId: string; productNo: string } | undefined;
  now: number;
  requestText: string;
}

export interface OrderOutcome {
  result: OrderResult;
  order: Order;
  /** What the order does to an instance, relative to the state when it applies (paid orders only). */
  effect?: Effect;
  /** The instance created or changed, as it will be once the order applies (a new object; the old one is untouched). */
  instance: Instance;
  trialKey?: string;
}

const PURCHASE_TYPE: Record<string, PurchaseType> = {
  trial_plan: "trial",
  trial_service: "trial",
  purchase_plan: "purchase",
  purchase_service: "purchase",
  renew_plan: "renew",
  renew_service: "renew",
  switch_plan: "switch",
  switchTrial_plan: "switch",
};
const SUPPORTED = new Set(["trial_plan", "purchase_plan", "purchase_service", "renew_plan"]);

/** An int64 field as its exact digit string (a number here is always a safe integer or it was refused). */
function id(value: number | string, field: string): string {
  if (typeof value === "number" && !Number.isSafeInteger(value))
    return refuse(
      "parameter_validation_failed",
      field,
      "type",
      "must be an exact integer ID (no fraction or exponent)",
    );
  return String(value);
}

const at = (i: number, key: string) => `serviceList[${i}].${key}`;

function cycleMs(billingCycle: string, multiCycle: number): number {
  const years = Math.max(1, multiCycle);
  return billingCycle === "monthly" ? 30 * DAY_MS * Math.max(1, multiCycle) : 365 * DAY_MS * years;
}

function checkBilling(item: Item, i: number, offer: CatalogPlan | CatalogService, needCycle: boolean): void {
  if (item.billingModel !== undefined && item.billingModel !== offer.billingModel)
    refuse("billing_option_not_allowed", at(i, "billingModel"), "not_allowed", `must be ${offer.billingModel}`);
  if (needCycle && item.billingCycle === undefined)
    refuse(
      "billing_option_not_allowed",
      at(i, "billingCycle"),
      "required",
      `is required; ${offer.name} offers ${offer.billingCycles.join(", ")}`,
    );
  if (item.billingCycle !== undefined && !offer.billingCycles.includes(item.billingCycle as never))
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

function checkQuantity(item: Item, i: number, offer: CatalogPlan | CatalogService): number {
  const q = item.quantity;
  if (q === undefined)
    return refuse("quantity_out_of_range", at(i, "quantity"), "required", `is required for ${offer.name}`);
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
function planEntry(product: Product, pt: PurchaseType, item: Item, i: number): CatalogPlan {
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

function serviceEntry(product: Product, plan: CatalogPlan, item: Item, i: number): CatalogService {
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

/** connectionPlanId on a service item: required when `required`, and when present equal to the plan. */
function checkConnection(item: Item, i: number, planId: string, required: boolean): void {
  if (item.connectionPlanId === undefined) {
    if (required)
      refuse(
        "connection_plan_mismatch",
        at(i, "connectionPlanId"),
        "required",
        `is required and must be the plan ${planId}`,
      );
    return;
  }
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
function checkWithinExtensions(product: Product, instance: Instance, items: Array<{ item: Item; i: number }>): void {
  const plan = findPlan(product, "purchase", instance.planId);
  const services = plan?.serviceList ?? [];
  const total = (flag: "withinExtensions" | "addsExtensions") =>
    services.filter((s) => s[flag]).reduce((n, s) => n + (instance.services[s.serviceId] ?? 0), 0);
  const extensions = instance.quantity + total("addsExtensions");
  const within = total("withinExtensions");
  if (within <= extensions) return;
  const at_ = items.find(({ item }) =>
    services.some((s) => s.withinExtensions && s.serviceId === String(item.serviceId)),
  );
  refuse(
    "quantity_out_of_range",
    at_ ? at(at_.i, "quantity") : "serviceList",
    "exceeds_extensions",
    `would give instance ${instance.instanceId} ${within} Ultimate Plan extensions but only ${extensions} extensions`,
  );
}

function line(product: Product | undefined, item: Item, planId?: string): OrderLine {
  const sid = String(item.serviceId);
  const out: OrderLine = {
    serviceType: item.serviceType,
    serviceId: sid,
    name: product ? nameOf(product, sid) : "",
    purchaseType: item.purchaseType,
  };
  if (item.serviceType === "service" && (item.connectionPlanId !== undefined || planId))
    out.connectionPlanId = String(item.connectionPlanId ?? planId);
  if (item.quantity !== undefined) out.quantity = item.quantity;
  if (item.billingModel !== undefined) out.billingModel = item.billingModel;
  if (item.billingCycle !== undefined) out.billingCycle = item.billingCycle as OrderLine["billingCycle"];
  if (item.multiCycle !== undefined) out.multiCycle = item.multiCycle;
  return out;
}

/** The single plan item of a *_plan order, and its service items. */
function splitPlan(items: Item[], op: string): { plan: Item; planIndex: number; services: Array<[Item, number]> } {
  const planIdx = items.flatMap((it, i) => (it.serviceType === "plan" ? [i] : []));
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
    services: items.flatMap((it, i) => (i === planIndex ? [] : [[it, i] as [Item, number]])),
  };
}

/** The target user's instance of a plan that an order may change: not a trial, optionally a given productNo. */
function ownedInstance(
  ctx: OrderContext,
  partnerId: string,
  productId: number,
  planId: string,
  productNo: string | undefined,
  field: string,
): Instance {
  const mine = ctx.account.instances.filter(
    (x) =>
      x.partnerId === partnerId &&
      x.productId === productId &&
      !x.trial &&
      x.planId === planId &&
      (!productNo || x.productNo === productNo),
  );
  const who = partnerId ? `subordinate ${partnerId}` : "this account";
  if (!mine.length)
    return refuse(
      "instance_not_found",
      productNo ? "productNo" : field,
      "not_found",
      `${who} has no active instance of plan ${planId}${productNo ? ` with productNo ${productNo}` : ""}`,
    );
  return mine[0]!;
}

export function decideOrder(req: OrderRequest, ctx: OrderContext): OrderOutcome {
  const { account, now } = ctx;
  const op = req.operationType;
  const pt = PURCHASE_TYPE[op]!;
  const product =
    ctx.catalog.get(req.productId) ??
    refuse("product_not_found", "productId", "not_found", `product ${req.productId} is not orderable`);

  // Who the order is for: a subordinate (partnerId, or the table's assignId) or the account itself.
  const targetField = req.partnerId !== undefined ? "partnerId" : "assignId";
  const targetRaw = req.partnerId ?? req.assignId;
  const given = targetRaw === undefined ? "" : id(targetRaw, targetField);
  // A subordinate by its partnerId or its e-mail (a "Yeastar ID"); orders record its partnerId.
  const target = given ? account.subordinates.find((s) => s.partnerId === given || s.email === given) : undefined;
  if (given && !target)
    refuse("partner_not_found", targetField, "not_found", `${given} is not one of your subordinate users`);
  const partnerId = target?.partnerId ?? "";

  req.serviceList.forEach((item, i) => {
    if (item.purchaseType !== pt)
      refuse(
        "operation_type_mismatch",
        at(i, "purchaseType"),
        "mismatch",
        `must be ${pt} for operationType ${op}, got ${item.purchaseType}`,
      );
    if (op.endsWith("_service") && item.serviceType !== "service")
      refuse("operation_type_mismatch", at(i, "serviceType"), "mismatch", `must be service for operationType ${op}`);
  });
  if (!SUPPORTED.has(op))
    refuse(
      "operation_not_supported",
      "operationType",
      "not_supported",
      `${op} is not offered for product ${product.productId} (${product.productName})`,
    );
  const seen = new Set<string>();
  req.serviceList.forEach((item, i) => {
    const sid = id(item.serviceId, at(i, "serviceId"));
    if (seen.has(sid)) refuse("invalid_service_list", at(i, "serviceId"), "duplicate", `${sid} appears more than once`);
    seen.add(sid);
  });

  let billingContactId = "";
  if (req.billingId !== undefined) {
    billingContactId = id(req.billingId, "billingId");
    if (!account.billingContacts.some((c) => c.billingContactId === billingContactId))
      refuse(
        "billing_contact_not_found",
        "billingId",
        "not_found",
        `${billingContactId} is not one of your billing contacts`,
      );
  }

  const base = {
    productId: product.productId,
    operationType: op as Order["operationType"],
    partnerId,
    billingContactId,
    poNumber: req.poNumber ?? "",
    createTime: now,
    requestText: ctx.requestText,
  };

  if (op === "trial_plan") {
    const { plan, planIndex, services } = splitPlan(req.serviceList, op);
    const entry = planEntry(product, pt, plan, planIndex);
    checkBilling(plan, planIndex, entry, false);
    const trialServices = services.map(([item, i]) => {
      checkConnection(item, i, entry.planId, true);
      const s = serviceEntry(product, entry, item, i);
      checkBilling(item, i, s, false);
      return s;
    });
    const trialKey = `${partnerId}:${product.productId}`;
    if (account.trialsUsed.includes(trialKey))
      refuse(
        "trial_already_used",
        "productId",
        "trial_used",
        `${partnerId ? `subordinate ${partnerId}` : "this account"} already had a free trial of product ${product.productId}`,
      );
    const instance: Instance = {
      ...((!partnerId && ctx.trialIds) || ctx.ids.peekInstance()),
      productId: product.productId,
      partnerId,
      planId: entry.planId,
      trial: true,
      quantity: entry.maxQuantity,
      services: Object.fromEntries(trialServices.map((s) => [s.serviceId, s.maxQuantity])),
      billingCycle: "",
      createTime: now,
      expireTime: now + (entry.trialDays ?? 30) * DAY_MS,
    };
    const order = makeOrder(base, { orderId: null, orderNo: "", transactionNo: "" }, instance);
    return { order, instance, trialKey, result: resultOf(order) };
  }

  if (billingContactId === "") refuse("parameter_validation_failed", "billingId", "required", `is required for ${op}`);

  if (op === "purchase_service") {
    const items = req.serviceList.map((item, i) => {
      if (item.connectionPlanId === undefined)
        refuse(
          "connection_plan_mismatch",
          at(i, "connectionPlanId"),
          "required",
          "is required: the current plan of the instance to expand",
        );
      return { item, i, planId: id(item.connectionPlanId!, at(i, "connectionPlanId")) };
    });
    const planId = items[0]!.planId;
    const other = items.find((x) => x.planId !== planId);
    if (other)
      refuse(
        "invalid_service_list",
        at(other.i, "connectionPlanId"),
        "mixed_plans",
        `all items must connect to the same plan, ${planId}`,
      );
    const entry =
      findPlan(product, "purchase", planId) ??
      refuse(
        "connection_plan_mismatch",
        at(0, "connectionPlanId"),
        "not_found",
        `${planId} is not a plan of product ${product.productId}`,
      );
    const current = ownedInstance(ctx, partnerId, product.productId, planId, req.productNo, at(0, "connectionPlanId"));
    if (current.expireTime <= now)
      refuse(
        "instance_expired",
        at(0, "connectionPlanId"),
        "expired",
        `instance ${current.instanceId} expired on ${new Date(current.expireTime).toISOString()}; renew it first`,
      );
    const adds = items.map(({ item, i }) => {
      const s = serviceEntry(product, entry, item, i);
      const q = checkQuantity(item, i, s);
      checkBilling(item, i, s, true);
      return [s.serviceId, q] as const;
    });
    const effect: Effect = { kind: "add", instanceId: current.instanceId, services: Object.fromEntries(adds) };
    const after = applyEffect(current, effect, now);
    checkWithinExtensions(product, after, items);
    return paid(ctx, base, after, effect);
  }

  const { plan, planIndex, services } = splitPlan(req.serviceList, op);
  const entry = planEntry(product, pt, plan, planIndex);
  checkBilling(plan, planIndex, entry, true);
  const serviceItems = services.map(([item, i]) => {
    checkConnection(item, i, entry.planId, false);
    const s = serviceEntry(product, entry, item, i);
    checkBilling(item, i, s, true);
    return { item, i, s };
  });
  const cycle = cycleMs(plan.billingCycle!, plan.multiCycle ?? 0);

  if (op === "purchase_plan") {
    const quantity = checkQuantity(plan, planIndex, entry);
    const adds = serviceItems.map(({ item, i, s }) => [s.serviceId, checkQuantity(item, i, s)] as const);
    const instance: Instance = {
      ...ctx.ids.peekInstance(),
      productId: product.productId,
      partnerId,
      planId: entry.planId,
      trial: false,
      quantity,
      services: Object.fromEntries(adds),
      billingCycle: plan.billingCycle!,
      createTime: now,
      expireTime: now + cycle,
    };
    checkWithinExtensions(product, instance, serviceItems);
    return paid(ctx, base, instance, { kind: "new", instance });
  }

  // renew_plan: quantities must equal what the instance has now.
  const current = ownedInstance(
    ctx,
    partnerId,
    product.productId,
    entry.planId,
    req.productNo,
    at(planIndex, "serviceId"),
  );
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
    cycleMs: cycle,
    billingCycle: plan.billingCycle!,
  };
  return paid(ctx, base, applyEffect(current, effect, now), effect);
}

type OrderBase = Omit<
  Order,
  "status" | "effect" | "orderId" | "orderNo" | "transactionNo" | "instanceId" | "productNo"
>;

/**
 * One literal with every field in a fixed order, so all orders share one hidden class. (Built with object
 * spreads, each order got a shape of its own, about 400 bytes apiece, measured in a heap snapshot.)
 */
function makeOrder(b: OrderBase, ids: Pick<Order, "orderId" | "orderNo" | "transactionNo">, instance: Instance): Order {
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
  };
}

function paid(ctx: OrderContext, base: OrderBase, instance: Instance, effect: Effect): OrderOutcome {
  const order = makeOrder(base, ctx.ids.peekOrder(), instance);
  return { order, instance, effect, result: resultOf(order) };
}

/**
 * The instance as an effect leaves it (a new object): used when an order applies at once, and when a pending
 * order is settled later, against the instance as it is then. A new instance's term starts when it is paid.
 */
export function applyEffect(current: Instance | undefined, effect: Effect, now: number): Instance {
  if (effect.kind === "new") {
    const term = effect.instance.expireTime - effect.instance.createTime;
    return { ...effect.instance, services: { ...effect.instance.services }, createTime: now, expireTime: now + term };
  }
  if (!current) throw new Error(`instance ${effect.instanceId} is gone`);
  if (effect.kind === "add") {
    const services = { ...current.services };
    for (const [sid, q] of Object.entries(effect.services)) services[sid] = (services[sid] ?? 0) + q;
    return { ...current, services };
  }
  return {
    ...current,
    services: { ...current.services },
    expireTime: Math.max(current.expireTime, now) + effect.cycleMs,
    billingCycle: effect.billingCycle,
  };
}

/**
 * The lines of an order, derived from its request text (kept exactly as received) rather than stored twice:
 * a service line without connectionPlanId connects to the order's plan.
 */
export function orderLines(order: Order, product: Product | undefined): OrderLine[] {
  const req = parseJson(order.requestText, "string") as OrderRequest;
  const planId = req.serviceList.find((it) => it.serviceType === "plan")?.serviceId;
  return req.serviceList.map((it) => line(product, it, planId === undefined ? undefined : String(planId)));
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
