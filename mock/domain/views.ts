// Read views: answers shaped from the state, apart from decisions. Each costs O(page size) or O(1) lookups,
// never a scan of the account's orders or instances.
import { nameOf } from "./catalog.ts";
import { refuse } from "./errors.ts";
import { RECENT_REQUEST_TEXTS, type AccountLookup } from "./state.ts";
import { resultOf } from "./orders/effects.ts";
import { legacyLines } from "./orders/legacy.ts";
import type { ContactInfo, Instance, Order, OrderDetail, OrderInfo, Product } from "./types.ts";

/** Where the order list shows an order's poNumber: customReferenceNo (default, assumed), or nowhere. */
export type ReferenceField = "customReferenceNo" | "none";

/** At most this many orders and instances in one account view (the counts say how many there are). */
export const ACCOUNT_VIEW_ORDERS = RECENT_REQUEST_TEXTS;
export const ACCOUNT_VIEW_INSTANCES = 200;

export function instanceStatus(i: Instance, now: number): "trial" | "active" | "expired" {
  if (i.expireTime <= now) return "expired";
  return i.trial ? "trial" : "active";
}

/**
 * Views kept for reuse, at most MEMO_SIZE of a kind (then all are dropped): reading every one of 100,000 orders
 * must not keep a view and its JSON for each. The hot ones, the first pages, are back in the next request.
 */
const MEMO_SIZE = 2000;
function memo<K, V>(): Pick<Map<K, V>, "get" | "set"> {
  const m = new Map<K, V>();
  return {
    get: (k) => m.get(k),
    set(k, v) {
      if (m.size >= MEMO_SIZE) m.clear();
      return m.set(k, v);
    },
  };
}

/**
 * An order's list entry, the same object for as long as the order shows the same status (an order changes only
 * its status, when settled): the answer layer serializes it once. Never change a view; make a new one.
 */
const orderViews = memo<Order, { status: string; ref: ReferenceField; view: OrderInfo }>();
export function orderInfo(o: Order, referenceField: ReferenceField): OrderInfo {
  const status = o.status ?? "succeed";
  const known = orderViews.get(o);
  if (known && known.status === status && known.ref === referenceField) return known.view;
  const view = makeOrderInfo(o, referenceField);
  orderViews.set(o, { status, ref: referenceField, view });
  return view;
}

function makeOrderInfo(o: Order, referenceField: ReferenceField): OrderInfo {
  return {
    id: o.orderId!,
    orderNo: o.orderNo,
    orderStatus: o.status ?? "succeed",
    createTime: o.createTime,
    currencyCode: "USD",
    // Assumed: the order's poNumber is what the list shows as customReferenceNo (--reference-field none: not shown).
    customReferenceNo: referenceField === "none" ? "" : o.poNumber,
    invoiceNo: "",
    operationType: o.operationType,
    productId: o.productId,
    productNo: o.productNo,
    instanceId: o.instanceId,
    transactionNo: o.transactionNo,
  };
}

const paged = <T>(pageNo: number, pageSize: number, total: number, results: T[]) => ({
  count: total,
  pageNo,
  pageSize,
  results,
  total,
  totalPage: Math.ceil(total / pageSize),
});

export function orderList(lookup: AccountLookup, pageNo: number, pageSize: number, ref: ReferenceField) {
  const { total, items } = lookup.orderPage(pageNo, pageSize);
  return paged(
    pageNo,
    pageSize,
    total,
    items.map((o) => orderInfo(o, ref)),
  );
}

/** Query Product List: the account's products (instances) of one product, newest first. */
export function productList(lookup: AccountLookup, product: Product, now: number, pageNo: number, pageSize: number) {
  const { total, items } = lookup.productPage(product.productId, pageNo, pageSize);
  return paged(
    pageNo,
    pageSize,
    total,
    items.map((i) => productOf(i, product, now)),
  );
}

/** Get Product Details: one of the account's products by productNo; instances may share one, the paid first. */
export function productDetail(lookup: AccountLookup, product: Product, productNo: string, now: number) {
  const same = lookup.withProductNo(productNo).filter((x) => x.productId === product.productId);
  const i = same.find((x) => !x.trial) ?? same[0];
  if (!i)
    refuse(
      "resource_not_found",
      "productNo",
      "not_found",
      `no product ${productNo} of product ${product.productId} for this account`,
    );
  return productOf(i, product, now);
}

/** An instance's view, the same object while its status is (instances are replaced, never changed, on change). */
const productViews = memo<Instance, { status: string; product: Product; view: ReturnType<typeof makeProductOf> }>();
function productOf(i: Instance, product: Product, now: number) {
  const status = instanceStatus(i, now);
  const known = productViews.get(i);
  if (known && known.status === status && known.product === product) return known.view;
  const view = makeProductOf(i, product, now);
  productViews.set(i, { status, product, view });
  return view;
}

function makeProductOf(i: Instance, product: Product, now: number) {
  const plan = product.planList.find((p) => p.planId === i.planId);
  return {
    // Turnkey instances are hosted: nothing to activate (assumed).
    activationCode: "",
    activationStatus: "activated" as const,
    comment: "",
    createTime: i.createTime,
    currentPlan: "",
    currentPlanExpireDate: new Date(i.expireTime).toISOString(),
    productNo: i.productNo,
    productId: i.productId,
    instanceId: i.instanceId,
    planId: i.planId,
    planName: plan?.name ?? "",
    trial: i.trial,
    extensions: i.quantity,
    services: Object.entries(i.services).map(([serviceId, quantity]) => ({
      serviceId,
      name: nameOf(product, serviceId),
      quantity,
    })),
    expireTime: i.expireTime,
    partnerId: i.partnerId,
    status: instanceStatus(i, now),
  };
}

export function orderDetail(
  lookup: AccountLookup,
  idOrNo: string,
  product: (id: number) => Product | undefined,
  ref: ReferenceField,
): OrderDetail {
  const order =
    lookup.paidOrder(idOrNo) ?? refuse("resource_not_found", "id", "not_found", `no order ${idOrNo} for this account`);
  // The same object while the order's entry is (contacts, the catalog and the lines never change).
  const info = orderInfo(order, ref);
  const known = detailViews.get(order);
  if (known?.info === info) return known.view;
  const view = makeOrderDetail(order, info, product(order.productId), lookup.contact(order.billingContactId));
  detailViews.set(order, { info, view });
  return view;
}

const detailViews = memo<Order, { info: OrderInfo; view: OrderDetail }>();

function makeOrderDetail(
  order: Order,
  info: OrderInfo,
  p: Product | undefined,
  contact: ContactInfo | undefined,
): OrderDetail {
  return {
    basicInformation: {
      productId: String(order.productId),
      productName: p?.productName ?? "",
      productNo: order.productNo,
      instanceId: order.instanceId,
    },
    billingInformation: contact
      ? {
          billingContactId: contact.billingContactId,
          company: contact.company ?? "",
          firstName: contact.firstName ?? "",
          lastName: contact.lastName ?? "",
          emailAddress: contact.emailAddress ?? "",
        }
      : {},
    orderInformation: info,
    orderSummary: {
      partnerId: order.partnerId,
      poNumber: order.poNumber,
      itemList: order.lines ?? legacyLines(order, p),
    },
  };
}

/** One account for the control API and the page: newest orders and instances first, bounded, with counts. */
export function accountView(lookup: AccountLookup, now: number) {
  const a = lookup.account;
  const orders = a.orders.slice(-ACCOUNT_VIEW_ORDERS).reverse();
  const instances = a.instances.slice(-ACCOUNT_VIEW_INSTANCES);
  return {
    clientId: a.clientId,
    ucId: a.ucId,
    username: a.username,
    clock: { now: new Date(now).toISOString(), offsetSeconds: Math.round(a.clockOffsetMs / 1000) },
    billingContacts: a.billingContacts,
    subordinates: a.subordinates,
    instanceCount: a.instances.length,
    instances: instances.map((i) => ({
      ...i,
      status: instanceStatus(i, now),
      expireDate: new Date(i.expireTime).toISOString(),
    })),
    paymentMode: a.paymentMode ?? "auto",
    orderCount: a.orders.length,
    orders: orders.map(({ lines: _lines, ...o }) => ({ ...o, status: o.status ?? "succeed", result: resultOf(o) })),
    trialsUsed: a.trialsUsed,
  };
}
