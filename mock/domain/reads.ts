// The vendor API's reads, apart from decisions: catalog reads and the views of one account's orders and
// products. Each is O(1) lookups or O(page size), whatever the account holds.
import { Catalog } from "./catalog.ts";
import { refuse } from "./errors.ts";
import { State } from "./state.ts";
import type {
  Account,
  BillingCycle,
  CatalogPlan,
  CatalogService,
  OrderDetail,
  Product,
  PurchaseType,
  UserInfo,
} from "./types.ts";
import { orderDetail, orderList, productDetail, productList, type ReferenceField } from "./views.ts";

export class ServiceReads {
  readonly state = new State();
  readonly catalogReads: Catalog;

  constructor(
    products: Product[],
    readonly referenceField: ReferenceField = "customReferenceNo",
  ) {
    this.catalogReads = new Catalog(products);
  }

  get catalog(): ReadonlyMap<number, Product> {
    return this.catalogReads.byId;
  }

  /** The account's test clock: real time plus the offset it was advanced by. */
  now(clientId: string): number {
    return Date.now() + (this.state.accounts.get(clientId)?.clockOffsetMs ?? 0);
  }

  products() {
    return this.catalogReads.products();
  }

  productInfo(productId: number): Product {
    return this.catalogReads.product(productId);
  }

  planInfo(productId: number, purchaseType: PurchaseType, planId: string): CatalogPlan {
    return this.catalogReads.planInfo(productId, purchaseType, planId);
  }

  addOnInfo(
    productId: number,
    purchaseType: PurchaseType,
    serviceId: string,
    connectionPlanId?: string,
  ): CatalogService {
    return this.catalogReads.addOnInfo(productId, purchaseType, serviceId, connectionPlanId);
  }

  priceInfo(account: Account, productId: number, billingCycle: BillingCycle, offeringId: string, partnerId?: string) {
    const answer = this.catalogReads.priceInfo(productId, billingCycle, offeringId);
    if (partnerId !== undefined) this.subordinate(account, partnerId);
    return answer;
  }

  /** A subordinate user by its partnerId or its e-mail (the docs' example of a "Yeastar ID"). */
  subordinate(account: Account, partnerId: string): UserInfo {
    return (
      this.state.lookup(account).subordinate(partnerId) ??
      refuse("partner_not_found", "partnerId", "not_found", `${partnerId} is not one of your subordinate users`)
    );
  }

  listOrders(account: Account, pageNo: number, pageSize: number) {
    return orderList(this.state.lookup(account), pageNo, pageSize, this.referenceField);
  }

  instanceProducts(account: Account, productId: number, pageNo: number, pageSize: number) {
    return productList(
      this.state.lookup(account),
      this.productInfo(productId),
      this.now(account.clientId),
      pageNo,
      pageSize,
    );
  }

  instanceProduct(account: Account, productId: number, productNo: string) {
    return productDetail(
      this.state.lookup(account),
      this.productInfo(productId),
      productNo,
      this.now(account.clientId),
    );
  }

  getOrder(account: Account, idOrNo: string): OrderDetail {
    const ref = this.referenceField;
    return orderDetail(this.state.lookup(account), idOrNo, (id) => this.catalog.get(id), ref);
  }
}
