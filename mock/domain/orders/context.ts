// What a decision about an order reads and returns. Deciders are pure: they read the context and return an
// outcome or refuse; the service turns the outcome into one change record for State.apply().
import type { components } from "../../../openapi/generated/partner-portal.ts";
import type { IdSequence } from "../ids.ts";
import type { AccountLookup } from "../state.ts";
import type { Effect, Instance, Order, OrderResult, Product, PurchaseType } from "../types.ts";

/**
 * An order/save body after schema validation. The generated type says `bigint | string` for an Int64Id; at run
 * time the server's lossless parse gives a safe number or a digit string, which `id()` turns into the string.
 */
export type OrderRequest = components["schemas"]["OrderSaveRequest"];
export type Item = OrderRequest["serviceList"][number];

export interface OrderContext {
  /** Read only: the decision never changes it. */
  lookup: AccountLookup;
  catalog: ReadonlyMap<number, Product>;
  ids: Pick<IdSequence, "peekOrder" | "peekInstance">;
  /** IDs for this account's own free trial instead of fresh ones (the demo account: the documented answer). */
  trialIds?: { instanceId: string; productNo: string } | undefined;
  now: number;
  /** The request without insignificant whitespace: what the order keeps of it. */
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

/** The fields every order records, known once the shared opening has checked target, items and billing. */
export type OrderBase = Pick<
  Order,
  "productId" | "operationType" | "partnerId" | "billingContactId" | "poNumber" | "createTime" | "requestText"
>;

/** What the shared opening established: the product, the purchase type, who the order is for, the base record. */
export interface Opening {
  product: Product;
  pt: PurchaseType;
  partnerId: string;
  billingContactId: string;
  base: OrderBase;
}
