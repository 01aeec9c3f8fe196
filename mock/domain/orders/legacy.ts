// Orders journaled before 0.2 kept no lines: derive them from the request text, as that release did.
import { parseJson } from "../../../openapi/json.ts";
import type { Order, OrderLine, Product } from "../types.ts";
import type { OrderRequest } from "./context.ts";
import { orderLines } from "./effects.ts";

export function legacyLines(order: Order, product: Product | undefined): OrderLine[] {
  const req = parseJson(order.requestText, "string") as OrderRequest;
  return product ? orderLines(req.serviceList, product) : [];
}
