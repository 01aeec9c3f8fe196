// Placing an order once. The vendor documents no idempotency key for order/save, and networks lose answers: the
// order may exist although the caller saw a timeout, a reset connection or a 502. So before sending, the client
// notes what the account holds, and when an answer is unclear it *looks* before it resends (src/reconcile.ts):
// it resends only when no new order at all has appeared, which proves absence without assuming that the vendor
// shows our poNumber as customReferenceNo. A new order that is ours (by that reference, else by its details) is
// returned, flagged `reconciled`; anything else ends in OrderOutcomeUnknown with the new orders as candidates.
// Placements through one client run one at a time, so one caller's order is never taken for another's.
import type { OrderDetail, OrderResult, OrderSaveRequest, PartnerPortalClient } from "./client.ts";
import { PartnerPortalError } from "./errors.ts";
import { paidLook, trialLook, type Look, type OrderCandidate } from "./reconcile.ts";

export type { OrderCandidate } from "./reconcile.ts";

export interface PlaceOrderOptions {
  /** Your reference for this order, sent as poNumber (at most 64 characters). Default: a generated one.
   * `false` sends none, and so turns reconciliation off (the vendor's tutorials send no poNumber). */
  reference?: string | false;
  /** Look before resending when an answer is unclear (default true). */
  reconcile?: boolean;
  /** How long to wait for order/save's answer before it counts as unclear (default 30 s). */
  timeoutMs?: number;
  /** How long each look (at most two) waits for an order that may still be on its way (default 1 s). A look ends
   * at once when the evidence is conclusive. Set 10 to 30 s for a live API. */
  lookWindowMs?: number;
  /** How many pages of 50 orders, newest first, a look reads at most (default 4). */
  lookPages?: number;
  /** The clock the look runs on (default Date.now); tests pass a virtual one. */
  now?: () => number;
  /** How the look waits between two looks (default setTimeout); tests pass a virtual one. */
  sleep?: (ms: number) => Promise<void>;
}

/** An order as order/save answers it, with the reference it was placed under. */
export interface PlacedOrder extends OrderResult {
  reference: string | undefined;
  /** True when the answer was lost and the order was found by looking. */
  reconciled: boolean;
  /** order/save requests sent (1 or 2). */
  attempts: number;
}

/** The outcome of an order could not be established: it may or may not exist. Look it up by `reference`, or
 * among `candidates`: the orders that appeared while it was placed (for a trial, `id` is the instanceId). */
export class OrderOutcomeUnknown extends Error {
  override readonly name = "OrderOutcomeUnknown";
  constructor(
    readonly reference: string,
    readonly attempts: number,
    override readonly cause: unknown,
    readonly candidates: OrderCandidate[] = [],
  ) {
    const seen = candidates.length
      ? `new orders since it was sent: ${candidates
          .slice(0, 5)
          .map((c) => c.orderNo || c.id)
          .join(", ")}${candidates.length > 5 ? ` and ${candidates.length - 5} more` : ""}`
      : "no new order was seen";
    super(
      `the outcome of order ${reference} is unknown after ${attempts} attempt(s) (${(cause as Error)?.message ?? cause}); ` +
        `${seen}; look for poNumber ${reference} later (in Get Order Details or the order list where the vendor ` +
        `shows it), or in the product list for a trial`,
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

/** True when the vendor itself answered (its envelope): it is done with the request, nothing is on its way. A
 * timeout, a dropped connection or a proxy's page may leave the request running behind it. */
const settled = (err: unknown) => err instanceof PartnerPortalError && err.code !== "invalid_response";

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type Verdict = { found: OrderResult } | { absent: true } | { unknown: OrderCandidate[] };

/** Looks until the evidence is conclusive or the window closes. A failing look is not proof: it propagates. */
async function lookFor(look: Look, windowMs: number, done: boolean, o: PlaceOrderOptions): Promise<Verdict> {
  const now = o.now ?? Date.now;
  const until = now() + windowMs;
  const every = Math.min(500, Math.max(50, windowMs / 8));
  for (;;) {
    const seen = await look.see();
    if (seen.ours) return { found: seen.ours };
    if (seen.ambiguous) return { unknown: seen.candidates };
    const absent = seen.complete && seen.candidates.length === 0;
    if (absent && done) return { absent };
    if (now() >= until) return absent ? { absent } : { unknown: seen.candidates };
    await (o.sleep ?? realSleep)(every);
  }
}

// One placement at a time per client: another's order appearing between our note and our look would be a
// candidate we could not tell from ours. Only the latest promise is kept; the map holds clients weakly.
const queues = new WeakMap<PartnerPortalClient, Promise<unknown>>();
function serially<T>(client: PartnerPortalClient, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(client) ?? Promise.resolve()).then(task);
  queues.set(
    client,
    run.catch(() => undefined),
  );
  return run;
}

/** Places an order with a reference, settling a lost answer by looking, never by guessing. */
export function placeOrder(
  client: PartnerPortalClient,
  order: OrderSaveRequest,
  options: PlaceOrderOptions = {},
): Promise<PlacedOrder> {
  return serially(client, () => place(client, order, options));
}

async function place(client: PartnerPortalClient, order: OrderSaveRequest, o: PlaceOrderOptions) {
  const reference = o.reference === false ? undefined : (o.reference ?? newOrderReference());
  const body: OrderSaveRequest = reference === undefined ? order : { ...order, poNumber: reference };
  const timeoutMs = o.timeoutMs ?? 30_000;
  const send = () => client.createOrder(body, { signal: AbortSignal.timeout(timeoutMs) });
  if (reference === undefined || o.reconcile === false) {
    const result = await send();
    return { ...result, reference, reconciled: false, attempts: 1 };
  }
  const look = order.operationType.startsWith("trial_")
    ? trialLook(client, body)
    : paidLook(client, body, reference, o.lookPages ?? 4);
  // Without a note nothing can prove absence: the order is still sent, but an unclear answer is not resent.
  const noted = await look.note().then(
    () => true,
    () => false,
  );
  let lastError: unknown;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      return { ...(await send()), reference, reconciled: false, attempts: attempt };
    } catch (err) {
      if (!isUnclear(err)) throw err; // a clear refusal: nothing was ordered
      lastError = err;
    }
    if (!noted) throw new OrderOutcomeUnknown(reference, attempt, lastError);
    let verdict: Verdict;
    try {
      verdict = await lookFor(look, o.lookWindowMs ?? 1000, settled(lastError), o);
    } catch (err) {
      // The look itself failed: the order may exist, so it must not be sent again.
      throw new OrderOutcomeUnknown(reference, attempt, err);
    }
    if ("found" in verdict) return { ...verdict.found, reference, reconciled: true, attempts: attempt };
    if ("unknown" in verdict) throw new OrderOutcomeUnknown(reference, attempt, lastError, verdict.unknown);
    // Absent: nothing new appeared since the note, so a resend cannot make a second order.
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
    await realSleep(options.intervalMs ?? 1000);
  }
}
