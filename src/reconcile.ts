// What placeOrder sees when it looks after an unclear answer. Before sending it notes what the account holds
// (the newest order and the order count; for a trial, the trial products); a look then lists what is new since.
// Ours is the new order that carries our reference as customReferenceNo (where the vendor shows poNumber there:
// assumed), else the one new order whose details (Get Order Details) match the request. Nothing new at all
// proves absence without resting on the reference.
import {
  allInstanceProducts,
  type OrderDetail,
  type OrderPage,
  type OrderResult,
  type OrderSaveRequest,
  type PartnerPortalClient,
} from "./client.ts";
import { idToString } from "../openapi/json.ts";

/** A new order (or, for a trial, a new trial product: `id` is its instanceId, `orderNo` empty). */
export interface OrderCandidate {
  orderNo: string;
  id: string;
}

export interface Sighting {
  /** Our order, when the look identified it. */
  ours?: OrderResult;
  /** More than one new order matches the request: which one is ours cannot be told. */
  ambiguous: boolean;
  /** The new orders (when ambiguous: the matching ones). */
  candidates: OrderCandidate[];
  /** The list accounted for every new order (its count adds up): an empty `candidates` then proves absence. */
  complete: boolean;
}

export interface Look {
  /** Runs once, before the first attempt. */
  note(): Promise<void>;
  see(): Promise<Sighting>;
}

type OrderInfo = OrderPage["results"][number];

const PAGE_SIZE = 50;

function resultOf(o: OrderInfo): OrderResult {
  return {
    instanceId: o.instanceId ?? "",
    orderId: o.id,
    orderNo: o.orderNo,
    orderStatus: o.orderStatus,
    productNo: o.productNo ?? "",
    transactionNo: o.transactionNo ?? "",
  };
}

/** The items of an order as comparable text: type, service ID and quantity, in a fixed order. */
function itemsKey(items: Array<{ serviceType: string; serviceId: unknown; quantity?: number }>): string {
  return items
    .map((i) => `${i.serviceType}:${idToString(i.serviceId as string)}:${i.quantity ?? "-"}`)
    .sort()
    .join(",");
}

/** True when the details show this request: operation, product and items (a different poNumber rules it out). */
export function detailsMatch(detail: OrderDetail, body: OrderSaveRequest, reference: string): boolean {
  const poNumber = detail.orderSummary.poNumber;
  if (poNumber && poNumber !== reference) return false;
  return (
    detail.orderInformation.operationType === body.operationType &&
    detail.basicInformation.productId === String(body.productId) &&
    itemsKey(detail.orderSummary.itemList) === itemsKey(body.serviceList)
  );
}

/** A verdict from candidates: the one that is ours, several (ambiguous), or none of them. */
function verdict(fresh: OrderCandidate[], mine: OrderCandidate[], complete: boolean): Omit<Sighting, "ours"> {
  if (mine.length > 1) return { ambiguous: true, candidates: mine, complete };
  return { ambiguous: false, candidates: fresh, complete };
}

export function paidLook(client: PartnerPortalClient, body: OrderSaveRequest, reference: string, pages: number): Look {
  let newest: string | undefined;
  let total = 0;
  const matched = new Map<string, boolean>(); // an order's details do not change: ask once
  const matches = async (o: OrderInfo) => {
    // Another reference on it: someone else's order (ours shows ours or none).
    if (o.customReferenceNo && o.customReferenceNo !== reference) return false;
    let m = matched.get(o.id);
    if (m === undefined) matched.set(o.id, (m = detailsMatch(await client.getOrder(o.id), body, reference)));
    return m;
  };
  return {
    async note() {
      const page = await client.listOrders({ pageNo: 1, pageSize: PAGE_SIZE });
      if (!Array.isArray(page?.results)) throw new TypeError("the order list answered no page of orders");
      newest = page.results[0]?.id;
      total = page.total;
    },
    async see() {
      const fresh: OrderInfo[] = [];
      let now = total;
      let reached = false;
      let end = false;
      for (let pageNo = 1; pageNo <= pages && !reached && !end; pageNo++) {
        const page = await client.listOrders({ pageNo, pageSize: PAGE_SIZE });
        if (!Array.isArray(page?.results)) throw new TypeError("the order list answered no page of orders");
        if (pageNo === 1) now = page.total;
        for (const o of page.results) {
          if (o.id === newest) {
            reached = true;
            break;
          }
          fresh.push(o);
        }
        end = pageNo >= page.totalPage;
      }
      const complete = (reached || (newest === undefined && end)) && fresh.length === now - total;
      const byReference = fresh.find((o) => o.customReferenceNo === reference);
      if (byReference) return { ours: resultOf(byReference), ambiguous: false, candidates: [], complete };
      const mine: OrderInfo[] = [];
      for (const o of fresh) if (await matches(o)) mine.push(o);
      if (mine.length === 1) return { ours: resultOf(mine[0]!), ambiguous: false, candidates: [], complete };
      const c = (o: OrderInfo): OrderCandidate => ({ orderNo: o.orderNo, id: o.id });
      return verdict(fresh.map(c), mine.map(c), complete);
    },
  };
}

/** Trials make no order in the list: a trial product of the plan that was not there before is the trial. */
export function trialLook(client: PartnerPortalClient, body: OrderSaveRequest): Look {
  const plan = body.serviceList.find((i) => i.serviceType === "plan");
  const planId = plan ? idToString(plan.serviceId) : "";
  const partnerId = body.partnerId === undefined ? "" : idToString(body.partnerId);
  const known = new Set<string>();
  const trials = async () => (await allInstanceProducts(client, body.productId)).filter((p) => p.trial);
  return {
    async note() {
      for (const p of await trials()) known.add(p.instanceId);
    },
    async see() {
      const fresh = (await trials()).filter((p) => !known.has(p.instanceId));
      const mine = fresh.filter((p) => p.planId === planId && p.partnerId === partnerId);
      if (mine.length === 1) {
        const p = mine[0]!;
        const ours: OrderResult = {
          instanceId: p.instanceId,
          orderId: null,
          orderNo: "",
          orderStatus: "succeed",
          productNo: p.productNo,
          transactionNo: "",
        };
        return { ours, ambiguous: false, candidates: [], complete: true };
      }
      const c = (p: { instanceId: string }): OrderCandidate => ({ orderNo: "", id: p.instanceId });
      return verdict(fresh.map(c), mine.map(c), true);
    },
  };
}
