// The vendor's endpoints: each a thin handler from a validated call to the service.
import type { MockService } from "../domain/service.ts";
import { unchanging } from "../http/envelope.ts";
import type { TypedHandlers } from "../http/typed.ts";
import type { operations } from "../../openapi/generated/partner-portal.ts";

export function vendorHandlers(service: MockService): TypedHandlers<operations> {
  return {
    requestToken: ({ body }) =>
      body.grant_type === "refresh_token"
        ? service.issueForRefreshToken(body.refresh_token!)
        : service.issueForCredentials(body.client_id!, body.client_secret!),
    // Contacts, subordinates and the catalog never change through the API: their JSON is built once.
    listSubordinates: ({ account }) => unchanging(account!.subordinates),
    listBillingContacts: ({ account }) => unchanging(account!.billingContacts),
    listProducts: () => unchanging(service.products()),
    getPurchaseProductInfo: ({ query }) => unchanging(service.productInfo(query.productId)),
    // Acknowledged only once the state file has it.
    createOrder: async ({ account, body, bodyText }) => (await service.placeOrder(account!, body, bodyText)).result,
    listOrders: ({ account, query }) => service.listOrders(account!, query.pageNo ?? 1, query.pageSize ?? 25),
    getOrder: ({ account, params }) => service.getOrder(account!, params.id),
    listInstanceProducts: ({ account, query }) =>
      service.instanceProducts(account!, query.productId, query.pageNo ?? 1, query.pageSize ?? 25),
    getPlanInfo: ({ params, query }) =>
      unchanging(service.planInfo(query.productId, params.purchaseType, params.pricingPlanId)),
    getAddOnInfo: ({ params, query }) =>
      unchanging(
        service.addOnInfo(query.productId, params.purchaseType, params.pricingServiceId, query.connectionPlanId),
      ),
    getPriceInfo: ({ account, query }) =>
      service.priceInfo(account!, query.productId, query.billingCycle, query.offeringId, query.partnerId),
    getSubordinate: ({ account, params }) => service.subordinate(account!, params.partnerId),
    getInstanceProduct: ({ account, query }) => service.instanceProduct(account!, query.productId, query.productNo),
  };
}
