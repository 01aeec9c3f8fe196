// Lookups in a product's catalog: plans and services by purchase type and ID.
import type { CatalogPlan, CatalogService, Product, PurchaseType } from "./types.ts";

export function findPlan(product: Product, purchaseType: PurchaseType, planId: string): CatalogPlan | undefined {
  return product.planList.find((p) => p.purchaseType === purchaseType && p.planId === planId);
}

export function findService(plan: CatalogPlan, serviceId: string): CatalogService | undefined {
  return plan.serviceList.find((s) => s.serviceId === serviceId);
}

/** What an ID is anywhere in the product, to tell "wrong serviceType" from "no such ID". */
export function kindOf(product: Product, id: string): "plan" | "service" | undefined {
  if (product.planList.some((p) => p.planId === id)) return "plan";
  if (product.serviceList.some((s) => s.serviceId === id)) return "service";
  if (product.planList.some((p) => p.serviceList.some((s) => s.serviceId === id))) return "service";
  return undefined;
}

/** The name of a service or plan ID, for order lines. */
export function nameOf(product: Product, id: string): string {
  for (const p of product.planList) {
    if (p.planId === id) return p.name;
    const s = findService(p, id);
    if (s) return s.name;
  }
  return product.serviceList.find((s) => s.serviceId === id)?.name ?? "";
}
