// The items of a paid *_plan order (purchase_plan, renew_plan): one plan, and services that connect to it.
import type { CatalogPlan, CatalogService } from "../types.ts";
import type { Item, Opening, OrderRequest } from "./context.ts";
import { checkBilling, checkConnection, planEntry, serviceEntry, splitPlan } from "./rules.ts";

export interface PlanItems {
  plan: Item;
  planIndex: number;
  entry: CatalogPlan;
  serviceItems: Array<{ item: Item; i: number; s: CatalogService }>;
}

export function planAndServices(req: OrderRequest, open: Opening): PlanItems {
  const { plan, planIndex, services } = splitPlan(req.serviceList, req.operationType);
  const entry = planEntry(open.product, open.pt, plan, planIndex);
  checkBilling(plan, planIndex, entry, true);
  const serviceItems = services.map(({ item, i }) => {
    checkConnection(item, i, entry.planId, false);
    const s = serviceEntry(open.product, entry, item, i);
    checkBilling(item, i, s, true);
    return { item, i, s };
  });
  return { plan, planIndex, entry, serviceItems };
}
