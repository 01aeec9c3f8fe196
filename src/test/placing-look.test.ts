// The look against a vendor stub that shows neither customReferenceNo nor poNumber (the worst case the
// vendor's pages allow): only the details and the count tell orders apart. What the mock cannot show: two
// placements through one client need serialising, and a list that is not newest first must not prove absence.
import { describe, expect, it } from "vitest";
import { idToString } from "../../openapi/json.ts";
import type { OrderDetail, OrderPage, OrderResult, OrderSaveRequest, PartnerPortalClient } from "../client.ts";
import { OrderOutcomeUnknown, placeOrder, type PlaceOrderOptions } from "../placing.ts";

interface Stored {
  id: string;
  orderNo: string;
  body: OrderSaveRequest;
}

/** `lose`: answers lost (the order is made); `other`: the first request is lost and another party's order
 * appears instead; `oldestFirst`: the list is not newest first; `seeded`: one older order exists. */
function stubVendor(o: { lose?: number; other?: boolean; oldestFirst?: boolean; seeded?: boolean } = {}) {
  const orders: Stored[] = [];
  let lose = o.lose ?? 0;
  let failLooks = false;
  let other = o.other ?? false;
  const add = (body: OrderSaveRequest) => {
    const n = orders.length + 1;
    const stored = { id: String(3_000_000_000_000_000_000n + BigInt(n)), orderNo: `GQ${n}`, body };
    orders.push(stored);
    return stored;
  };
  const info = (s: Stored) => ({
    id: s.id,
    orderNo: s.orderNo,
    orderStatus: "succeed" as const,
    createTime: 0,
    currencyCode: "USD" as const,
    customReferenceNo: "",
    invoiceNo: "",
    operationType: s.body.operationType,
    productId: s.body.productId,
  });
  const client = {
    async createOrder(body: OrderSaveRequest): Promise<OrderResult> {
      await Promise.resolve();
      if (other) {
        other = false;
        add({ ...body, serviceList: body.serviceList.map((i) => ({ ...i, quantity: 99 })) });
        throw new TypeError("fetch failed");
      }
      const s = add(body);
      if (lose > 0 && lose--) throw new TypeError("fetch failed");
      return {
        instanceId: "1",
        orderId: s.id,
        orderNo: s.orderNo,
        orderStatus: "succeed",
        productNo: "",
        transactionNo: "",
      };
    },
    async listOrders({ pageNo = 1, pageSize = 25 } = {}): Promise<OrderPage> {
      await Promise.resolve();
      if (failLooks) throw new TypeError("fetch failed");
      const all = o.oldestFirst ? [...orders] : [...orders].reverse();
      const results = all.slice((pageNo - 1) * pageSize, pageNo * pageSize).map(info);
      const total = all.length;
      return { count: total, pageNo, pageSize, results, total, totalPage: Math.ceil(total / pageSize) };
    },
    async getOrder(id: string): Promise<OrderDetail> {
      const s = orders.find((x) => x.id === id)!;
      return {
        basicInformation: { productId: String(s.body.productId), productName: "", productNo: "" },
        billingInformation: {},
        orderInformation: info(s),
        orderSummary: {
          itemList: s.body.serviceList.map((i) => ({
            serviceType: i.serviceType,
            serviceId: idToString(i.serviceId),
            name: "",
            quantity: i.quantity,
            purchaseType: i.purchaseType,
          })),
        },
      };
    },
  };
  const body = (quantity: number): OrderSaveRequest => ({
    operationType: "purchase_plan",
    productId: 14,
    billingId: 3197218168379846218n,
    serviceList: [{ serviceType: "plan", serviceId: 3048941892189077504n, quantity, purchaseType: "purchase" }],
  });
  if (o.seeded) add(body(5));
  return { client: client as unknown as PartnerPortalClient, orders, body, failLooks: () => (failLooks = true) };
}

// A virtual clock: the looks' waits take no time.
const clock = (): PlaceOrderOptions => {
  let t = 0;
  return { now: () => t, sleep: async (ms) => void (t += ms) };
};

describe("the look without references", () => {
  it("two identical placements through one client, both answers lost: each finds its own order", async () => {
    const v = stubVendor({ lose: 2, seeded: true });
    const placed = await Promise.all([
      placeOrder(v.client, v.body(20), clock()),
      placeOrder(v.client, v.body(20), clock()),
    ]);
    expect(placed.map((p) => p.reconciled)).toEqual([true, true]);
    expect(placed.map((p) => p.orderNo).sort()).toEqual(["GQ2", "GQ3"]);
    expect(v.orders).toHaveLength(3);
  });

  it("a new order that does not match is not ours: unknown, with it as the candidate, and not resent", async () => {
    const v = stubVendor({ other: true, seeded: true });
    const err = await placeOrder(v.client, v.body(20), clock()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrderOutcomeUnknown);
    expect((err as OrderOutcomeUnknown).candidates).toEqual([{ orderNo: "GQ2", id: v.orders[1]!.id }]);
    expect(v.orders).toHaveLength(2);
  });

  it("a list that is not newest first proves nothing: the count disagrees, so no resend", async () => {
    const v = stubVendor({ lose: 1, oldestFirst: true, seeded: true });
    const err = await placeOrder(v.client, v.body(20), clock()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrderOutcomeUnknown);
    expect(v.orders).toHaveLength(2);
  });

  it("a look that fails is not proof: unknown, and not resent", async () => {
    const v = stubVendor({ lose: 1, seeded: true });
    const original = v.client.createOrder;
    v.client.createOrder = async (...args) => {
      v.failLooks();
      return original(...args);
    };
    const err = await placeOrder(v.client, v.body(20), clock()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrderOutcomeUnknown);
    expect(v.orders).toHaveLength(2);
  });

  it("an order list that cannot be read before sending: the order is still sent, an unclear answer is not resent", async () => {
    const clear = stubVendor({ seeded: true });
    clear.failLooks();
    expect(await placeOrder(clear.client, clear.body(20), clock())).toMatchObject({ orderNo: "GQ2", attempts: 1 });
    const lost = stubVendor({ lose: 1, seeded: true });
    lost.failLooks();
    const err = await placeOrder(lost.client, lost.body(20), clock()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrderOutcomeUnknown);
    expect(lost.orders).toHaveLength(2);
  });
});
