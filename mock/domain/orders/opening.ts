// The opening every order kind shares: the product, who the order is for (the account or a subordinate), the
// items' purchase and service types, no item twice, and the billing contact.
import { refuse } from "../errors.ts";
import type { PurchaseType } from "../types.ts";
import type { Opening, OrderContext, OrderRequest } from "./context.ts";
import { at, id } from "./rules.ts";

const PURCHASE_TYPE: Record<OrderRequest["operationType"], PurchaseType> = {
  trial_plan: "trial",
  trial_service: "trial",
  purchase_plan: "purchase",
  purchase_service: "purchase",
  renew_plan: "renew",
  renew_service: "renew",
  switch_plan: "switch",
  switchTrial_plan: "switch",
};

/** A subordinate by its partnerId or e-mail (a "Yeastar ID"), or the account itself; orders record its partnerId. */
function target(req: OrderRequest, ctx: OrderContext): string {
  const field = req.partnerId !== undefined ? "partnerId" : "assignId";
  const raw = req.partnerId ?? req.assignId;
  const given = raw === undefined ? "" : id(raw, field);
  if (!given) return "";
  const user = ctx.lookup.subordinate(given);
  if (!user) refuse("partner_not_found", field, "not_found", `${given} is not one of your subordinate users`);
  return user.partnerId;
}

/** A copy of a string from the request that shares nothing with the body's text (a slice would keep it all). */
const own = (s: string): string => (s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string));

/** `supported`: the operation kinds with a decider; the others are refused here, after the item types. */
export function openOrder(req: OrderRequest, ctx: OrderContext, supported: (op: string) => boolean): Opening {
  const op = req.operationType;
  const pt = PURCHASE_TYPE[op];
  const product =
    ctx.catalog.get(req.productId) ??
    refuse("product_not_found", "productId", "not_found", `product ${req.productId} is not orderable`);
  const partnerId = target(req, ctx);
  // Item types are checked before "not supported", so a mistyped trial_service says what is wrong with it.
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
  if (!supported(op))
    refuse(
      "operation_not_supported",
      "operationType",
      "not_supported",
      `${op} is not offered for product ${product.productId} (${product.productName})`,
    );
  noDuplicates(req);
  let billingContactId = "";
  if (req.billingId !== undefined) {
    const given = id(req.billingId, "billingId");
    // The contact's own ID is kept, not the request's: that one is a slice of the body and kept it all alive.
    billingContactId =
      ctx.lookup.contact(given)?.billingContactId ??
      refuse("billing_contact_not_found", "billingId", "not_found", `${given} is not one of your billing contacts`);
  }
  const base = {
    productId: product.productId,
    operationType: op,
    partnerId,
    billingContactId,
    poNumber: own(req.poNumber ?? ""),
    createTime: ctx.now,
    requestText: ctx.requestText,
  };
  return { product, pt, partnerId, billingContactId, base };
}

function noDuplicates(req: OrderRequest): void {
  const seen = new Set<string>();
  req.serviceList.forEach((item, i) => {
    const sid = id(item.serviceId, at(i, "serviceId"));
    if (seen.has(sid)) refuse("invalid_service_list", at(i, "serviceId"), "duplicate", `${sid} appears more than once`);
    seen.add(sid);
  });
}
