// Placing and settling orders as decisions: from the request and the state as it is now, the change record to
// commit (and the answer), or a refusal. Nothing here changes state or waits for anything.
import { minifyJson } from "../../../openapi/json.ts";
import { refuse } from "../errors.ts";
import type { ChangeRecord } from "../records.ts";
import type { State } from "../state.ts";
import type { Account, Product } from "../types.ts";
import type { OrderOutcome, OrderRequest } from "./context.ts";
import { decideOrder } from "./decide.ts";
import { applyEffect } from "./effects.ts";

/** A request up to this size is kept exactly as sent (the page shows it); a larger one without its padding. */
export const VERBATIM_REQUEST_BYTES = 2048;

export interface PlacementRules {
  state: State;
  catalog: ReadonlyMap<number, Product>;
  demoClientId: string;
  /** The demo account's own first trial gets these IDs (the documented answer). */
  seedTrial: { instanceId: string; productNo: string } | undefined;
  maxOrders: number;
  now: number;
}

/**
 * The account the request was authenticated for is looked up again at the moment of the change (after the body
 * was read and any latency): if a reset or a removal replaced it, the order is refused and nothing changes.
 */
export function decidePlacement(
  rules: PlacementRules,
  authenticated: Account,
  body: OrderRequest,
  requestText: string,
): { record: ChangeRecord; outcome: OrderOutcome } {
  const account = rules.state.accounts.get(authenticated.clientId);
  if (account !== authenticated)
    refuse(
      "account_changed",
      "Authorization",
      "changed",
      `the account ${authenticated.clientId} was ${account ? "reset" : "removed"} while this request was in flight; nothing was changed`,
    );
  if (account.orders.length >= rules.maxOrders)
    refuse(
      "too_many_requests",
      "",
      "limit",
      `account ${account.clientId} already holds ${rules.maxOrders} orders (--max-orders-per-account); reset it or use an isolated account`,
    );
  const lookup = rules.state.lookup(account);
  // Assumed productNo model: a productNo names the user's product, which its instances share; so the demo
  // account's trial answers the documented IDs (instance 1948747, productNo 3076913644890832896).
  const { seedTrial } = rules;
  const ownTrial = seedTrial && account.clientId === rules.demoClientId && !lookup.instance(seedTrial.instanceId);
  const outcome = decideOrder(body, {
    lookup,
    catalog: rules.catalog,
    ids: rules.state.ids,
    now: rules.now,
    requestText: requestText.length <= VERBATIM_REQUEST_BYTES ? requestText : minifyJson(requestText),
    trialIds: ownTrial ? seedTrial : undefined,
  });
  const record: ChangeRecord = { t: "order", clientId: account.clientId, order: outcome.order };
  if (account.paymentMode === "manual" && outcome.effect) {
    // Waits for payment: answered pending, and nothing changes until it is settled (assumed lifecycle).
    outcome.order.status = "pending";
    outcome.order.effect = outcome.effect;
    outcome.result.orderStatus = "pending";
  } else record.instance = outcome.instance;
  if (outcome.trialKey) record.trialKey = outcome.trialKey;
  return { record, outcome };
}

/** Settling a pending order (control API): succeed makes its change now; failed and cancelled never do. */
export function decideSettlement(
  state: State,
  account: Account,
  orderNo: string,
  status: "succeed" | "failed" | "cancelled",
  now: number,
): ChangeRecord {
  const lookup = state.lookup(account);
  const order =
    lookup.paidOrder(orderNo) ??
    refuse("resource_not_found", "orderNo", "not_found", `no order ${orderNo} for this account`);
  const effect = order.effect;
  if (order.status !== "pending" || !effect)
    refuse("order_not_pending", "orderNo", "settled", `order ${order.orderNo} is ${order.status}, not pending`);
  const record: ChangeRecord = { t: "settle", clientId: account.clientId, orderNo: order.orderNo, status };
  if (status === "succeed") {
    const current = effect.kind === "new" ? undefined : lookup.instance(effect.instanceId);
    if (effect.kind !== "new" && !current)
      refuse("instance_not_found", "orderNo", "not_found", `the instance of order ${order.orderNo} is gone`);
    record.instance = applyEffect(current, effect, now);
  }
  return record;
}
