// The mock's state. IDs are decimal strings throughout: exact, and the form the vendor's responses use.
import type { components } from "../../openapi/generated/partner-portal.ts";

type S = components["schemas"];
export type UserInfo = S["UserInfo"];
export type ContactInfo = S["ContactInfo"];
export type CatalogPlan = S["CatalogPlan"];
export type CatalogService = S["CatalogService"];
export type PurchaseProductInfo = S["PurchaseProductInfo"];
export type OrderResult = S["OrderResult"];
export type OrderInfo = S["OrderInfo"];
export type OrderLine = S["OrderLine"];
export type OrderDetail = S["OrderDetail"];
export type OperationType = S["OperationType"];
export type PurchaseType = S["PurchaseType"];
export type BillingCycle = S["BillingCycle"];

/** A product of the catalog: its plans and services, as purchase_product_info shows them. */
export type Product = PurchaseProductInfo;

export interface Instance {
  instanceId: string;
  productNo: string;
  productId: number;
  /** The subordinate user who owns it; empty for the account itself. */
  partnerId: string;
  planId: string;
  trial: boolean;
  /** Extensions of the plan. */
  quantity: number;
  /** Quantity per service ID. */
  services: Record<string, number>;
  billingCycle: string;
  createTime: number;
  expireTime: number;
}

/** What a paid order does to an instance once it is paid: made at once in auto mode, at settlement in manual. */
export type Effect =
  | { kind: "new"; instance: Instance }
  | { kind: "add"; instanceId: string; services: Record<string, number> }
  | { kind: "extend"; instanceId: string; cycleMs: number; billingCycle: string };

export type OrderStatus = S["OrderStatus"];

export interface Order {
  /** succeed at once, or pending until settled (manual payment mode), then succeed, failed or cancelled. */
  status: OrderStatus;
  /** While pending: what the order will do once paid. */
  effect?: Effect;
  orderId: string | null;
  orderNo: string;
  transactionNo: string;
  instanceId: string;
  productNo: string;
  productId: number;
  operationType: OperationType;
  partnerId: string;
  billingContactId: string;
  poNumber: string;
  createTime: number;
  /** The request body as received (past 2 KB, less insignificant whitespace): the control API and the page show it. */
  requestText: string;
  /** The lines Get Order Details shows, made when the order was decided (absent in orders journaled before 0.2). */
  lines?: OrderLine[];
}

export interface Account {
  clientId: string;
  clientSecret: string;
  ucId: string;
  userId: string;
  username: string;
  userCode: string;
  subordinates: UserInfo[];
  billingContacts: ContactInfo[];
  instances: Instance[];
  orders: Order[];
  /** `${partnerId}:${productId}` of every free trial taken; partnerId empty for the account itself. */
  trialsUsed: string[];
  clockOffsetMs: number;
  createTime: number;
  /** auto (default): paid orders succeed at once; manual: they wait for a settlement (assumed lifecycle). */
  paymentMode?: "auto" | "manual";
}
