// The catalog: lookups of plans and services by purchase type and ID, and its reads.
import { refuse } from "./errors.ts";
import type { BillingCycle, CatalogPlan, CatalogService, Product, PurchaseType } from "./types.ts";

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

/** The catalog's reads (purchase_product_info, plan_info, add_on_info, my_price_info): they never change. */
export class Catalog {
  readonly byId: ReadonlyMap<number, Product>;
  readonly #list: Array<{ name: string; productId: number }>;
  /** my_price_info answers, made once per product and billing cycle (the catalog never changes). */
  readonly #prices = new Map<string, ReturnType<Catalog["pricesOf"]>>();

  constructor(products: Product[]) {
    this.byId = new Map(products.map((p) => [p.productId, p]));
    this.#list = products.map((p) => ({ name: p.productName, productId: p.productId }));
  }

  products(): Array<{ name: string; productId: number }> {
    return this.#list;
  }

  product(productId: number): Product {
    return (
      this.byId.get(productId) ?? refuse("resource_not_found", "productId", "not_found", `no product ${productId}`)
    );
  }

  /** plan_info: one plan of the catalog for one purchase type. */
  planInfo(productId: number, purchaseType: PurchaseType, planId: string): CatalogPlan {
    return (
      findPlan(this.product(productId), purchaseType, planId) ??
      refuse(
        "resource_not_found",
        "pricingPlanId",
        "not_found",
        `no ${purchaseType} plan ${planId} in product ${productId}`,
      )
    );
  }

  /** add_on_info: one service for one purchase type, of one plan when connectionPlanId is given. */
  addOnInfo(
    productId: number,
    purchaseType: PurchaseType,
    serviceId: string,
    connectionPlanId?: string,
  ): CatalogService {
    const product = this.product(productId);
    const plans = product.planList.filter(
      (p) => p.purchaseType === purchaseType && (connectionPlanId === undefined || p.planId === connectionPlanId),
    );
    const found =
      plans.map((p) => findService(p, serviceId)).find((x) => x !== undefined) ??
      product.serviceList.find((x) => x.serviceId === serviceId && x.purchaseType === purchaseType);
    return (
      found ??
      refuse(
        "resource_not_found",
        "pricingServiceId",
        "not_found",
        `no ${purchaseType} service ${serviceId}${connectionPlanId ? ` for plan ${connectionPlanId}` : ""} in product ${productId}`,
      )
    );
  }

  /** my_price_info: list prices of the plans and services that offer the billing cycle; one object per product and cycle. */
  priceInfo(productId: number, billingCycle: BillingCycle, offeringId: string) {
    const product = this.product(productId);
    if (offeringId !== product.offeringId)
      refuse(
        "resource_not_found",
        "offeringId",
        "not_found",
        `${offeringId} is not the offering of product ${productId}`,
      );
    const key = `${productId} ${billingCycle}`;
    let answer = this.#prices.get(key);
    if (!answer) this.#prices.set(key, (answer = this.pricesOf(product, billingCycle)));
    return answer;
  }

  private pricesOf(product: Product, billingCycle: BillingCycle) {
    const line = (id: string, x: CatalogPlan | CatalogService) =>
      x.prices?.[billingCycle] === undefined
        ? []
        : [{ id, name: x.name, unitPrice: x.prices[billingCycle], unit: "unit" in x ? x.unit : "extension" }];
    return {
      offeringId: product.offeringId,
      currencyCode: "USD",
      billingCycle,
      planList: product.planList
        .filter((p) => p.purchaseType === "purchase")
        .flatMap((p) =>
          line(p.planId, p).map((l) => ({ ...l, serviceList: p.serviceList.flatMap((s) => line(s.serviceId, s)) })),
        ),
      serviceList: product.serviceList.flatMap((s) => line(s.serviceId, s)),
    };
  }
}
