// Placing an order once. The vendor documents no idempotency key for order/save, and networks lose answers: the
// order may exist although the caller saw a timeout, a reset connection or a 502. So every order carries a
// reference (sent as the documented `poNumber`), and when an answer is unclear the client *looks* before it
// resends: paid orders in the order list by that reference (assumed to show as `customReferenceNo`), trials in
// the product list (a new trial product of that plan). Found: the order is returned, flagged `reconciled`. Not
// found: one resend with the same reference, then a look again. Still unclear: OrderOutcomeUnknown, carrying the
// reference, so the caller can look later. It never reports "not placed" without a look that proved it.
import {
  allInstanceProducts,
  type InstanceProduct,
  type OrderDetail,
  type OrderResult,
  type OrderSaveRequest,
  type PartnerPortalClient,
} from "./client.ts";
import { PartnerPortalError } from "./errors.ts";

export interface PlaceOrderOptions {
  /** Your reference for this order, sent as poNumber (at most 64 characters). Default: a generated one.
   * `false` sends none, and so turns reconciliation off (the vendor's tutorials send no poNumber). */
  reference?: string | false;
  /** Look before resending when an answer is unclear (default true). */
  reconcile?: boolean;
  /** How long to wait for order/save's answer before it counts as unclear (default 30 s). */
  timeoutMs?: number;
  /** How long to keep looking for the order before concluding it is not there (default 10 s). */
  lookWindowMs?: number;
  /** How many pages of 50 orders, newest first, to look through (default 4). */
  lookPages?: number;
}

/** An order as order/save answers it, with the reference it was placed under. */
export interface PlacedOrder extends OrderResult {
  reference: string | undefined;
  /** True when the answer was lost and the order was found by looking. */
  reconciled: boolean;
  /** order/save requests sent (1 or 2). */
  attempts: number;
}

/** The outcome of an order could not be established: it may or may not exist. Look it up by `reference`. */
export class OrderOutcomeUnknown extends Error {
  override readonly name = "OrderOutcomeUnknown";
  constructor(
    readonly reference: string,
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(
      `the outcome of order ${reference} is unknown after ${attempts} attempt(s) (${(cause as Error)?.message ?? cause}); ` +
        `look it up later in the order list by customReferenceNo ${reference}, or in the product list for a trial`,
    );
  }
}

/** A reference unique enough to find one order by, within poNumber's 64 characters. */
export function newOrderReference(): string {
  return `ppk-${globalThis.crypto.randomUUID()}`;
}

/** True when an error leaves it open whether the order was made: no answer, a 5xx, or not the envelope. */
export function isUnclear(err: unknown): boolean {
  // The envelope status counts too: the vendor may send a 5xx error as HTTP 200.
  if (err instanceof PartnerPortalError)
    return err.httpStatus >= 500 || err.status >= 500 || err.code === "invalid_response";
  return true; // a network error, a reset or dropped connection, a timeout
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Look {
  /** Runs once before the first attempt (trials: which trial products exist already). */
  prepare(): Promise<void>;
  /** The order, if it exists now. */
  find(): Promise<OrderResult | undefined>;
}

function paidLook(client: PartnerPortalClient, reference: string, pages: number): Look {
  return {
    prepare: async () => undefined,
    async find() {
      for (let pageNo = 1; pageNo <= pages; pageNo++) {
        const page = await client.listOrders({ pageNo, pageSize: 50 });
        const hit = page.results.find((o) => o.customReferenceNo === reference);
        if (hit)
          return {
            instanceId: hit.instanceId ?? "",
            orderId: hit.id,
            orderNo: hit.orderNo,
            orderStatus: hit.orderStatus,
            productNo: hit.productNo ?? "",
            transactionNo: hit.transactionNo ?? "",
          } as OrderResult;
        if (pageNo >= page.totalPage) break;
      }
      return undefined;
    },
  };
}

function trialLook(client: PartnerPortalClient, body: OrderSaveRequest): Look {
  const plan = body.serviceList.find((i) => i.serviceType === "plan");
  const planId = plan ? String(plan.serviceId) : "";
  const partnerId = body.partnerId === undefined ? "" : String(body.partnerId);
  const known = new Set<string>();
  const trials = async (): Promise<InstanceProduct[]> =>
    (await allInstanceProducts(client, body.productId)).filter(
      (p) => p.trial && p.planId === planId && p.partnerId === partnerId,
    );
  return {
    async prepare() {
      for (const p of await trials()) known.add(p.instanceId);
    },
    async find() {
      const fresh = (await trials()).find((p) => !known.has(p.instanceId));
      return (
        fresh && {
          instanceId: fresh.instanceId,
          orderId: null,
          orderNo: "",
          orderStatus: "succeed",
          productNo: fresh.productNo,
          transactionNo: "",
        }
      );
    },
  };
}

/** Looks until the order shows up or the window closes. A failing look is not proof: it propagates. */
async function lookFor(look: Look, windowMs: number): Promise<OrderResult | undefined> {
  const until = Date.now() + windowMs;
  const every = Math.min(500, Math.max(50, windowMs / 8));
  for (;;) {
    const found = await look.find();
    if (found || Date.now() >= until) return found;
    await sleep(every);
  }
}

/** Places an order with a reference, settling a lost answer by looking, never by guessing. */
export async function placeOrder(
  client: PartnerPortalClient,
  order: OrderSaveRequest,
  options: PlaceOrderOptions = {},
): Promise<PlacedOrder> {
  const reference = options.reference === false ? undefined : (options.reference ?? newOrderReference());
  const body: OrderSaveRequest = reference === undefined ? order : { ...order, poNumber: reference };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const send = () => client.createOrder(body, { signal: AbortSignal.timeout(timeoutMs) });
  if (reference === undefined || options.reconcile === false) {
    const result = await send();
    return { ...result, reference, reconciled: false, attempts: 1 };
  }
  const look = order.operationType.startsWith("trial_")
    ? trialLook(client, order)
    : paidLook(client, reference, options.lookPages ?? 4);
  await look.prepare();
  const windowMs = options.lookWindowMs ?? 10_000;
  let lastError: unknown;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      return { ...(await send()), reference, reconciled: false, attempts: attempt };
    } catch (err) {
      if (!isUnclear(err)) throw err; // a clear refusal: nothing was ordered
      lastError = err;
    }
    let found: OrderResult | undefined;
    try {
      found = await lookFor(look, windowMs);
    } catch (err) {
      // The look itself failed: the order may exist, so it must not be sent again.
      throw new OrderOutcomeUnknown(reference, attempt, err);
    }
    if (found) return { ...found, reference, reconciled: true, attempts: attempt };
  }
  throw new OrderOutcomeUnknown(reference, 2, lastError);
}

/** Waits for a pending order to be settled (paid, failed, cancelled), polling its details; throws on timeout. */
export async function waitForOrder(
  client: PartnerPortalClient,
  orderNo: string,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<OrderDetail> {
  const until = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const detail = await client.getOrder(orderNo);
    if (detail.orderInformation.orderStatus !== "pending") return detail;
    if (Date.now() >= until)
      throw new Error(`order ${orderNo} is still pending after ${options.timeoutMs ?? 60_000} ms`);
    await sleep(options.intervalMs ?? 1000);
  }
}
