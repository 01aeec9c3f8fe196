// The vendor's endpoints: each a thin handler from a validated call to the service.
import { refuse } from "../domain/errors.ts";
import type { MockService } from "../domain/service.ts";
import type { Account } from "../domain/types.ts";
import { pageOfUnchanging, unchanging } from "../http/result-text.ts";
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
    // An order's and an instance's view is the same object while it is unchanged: its JSON is made once.
    listOrders: ({ account, query }) =>
      pageOfUnchanging(service.listOrders(account!, query.pageNo ?? 1, query.pageSize ?? 25)),
    getOrder: ({ account, params }) => unchanging(service.getOrder(account!, params.id)),
    listInstanceProducts: ({ account, query }) =>
      pageOfUnchanging(service.instanceProducts(account!, query.productId, query.pageNo ?? 1, query.pageSize ?? 25)),
    getPlanInfo: ({ account, params, query }) => {
      if (params.purchaseType === "renew") renewedProduct(service, account!, query);
      return unchanging(service.planInfo(query.productId, params.purchaseType, params.pricingPlanId));
    },
    // The renewal page lists only productNo and productId: renew ignores connectionPlanId.
    getAddOnInfo: ({ account, params, query }) => {
      const renew = params.purchaseType === "renew";
      if (renew) renewedProduct(service, account!, query);
      const plan = renew ? undefined : query.connectionPlanId;
      return unchanging(service.addOnInfo(query.productId, params.purchaseType, params.pricingServiceId, plan));
    },
    getPriceInfo: ({ account, query }) =>
      unchanging(service.priceInfo(account!, query.productId, query.billingCycle, query.offeringId, query.partnerId)),
    getSubordinate: ({ account, params }) => unchanging(service.subordinate(account!, params.partnerId)),
    getInstanceProduct: ({ account, query }) =>
      unchanging(service.instanceProduct(account!, query.productId, query.productNo)),
    getProductModel: ({ account, query }) => {
      // 404 for an unknown product first, as the other product reads answer.
      service.instanceProduct(account!, query.productId, query.productNo);
      // Assumed: the page is for Appliance Edition and S-Series hardware; every product of this mock is hosted.
      return refuse(
        "operation_not_supported",
        "productId",
        "not_supported",
        `product ${query.productId} is hosted and has no hardware model (Query Product Model is for Appliance Edition and S-Series PBXs)`,
      );
    },
  };
}

/** The renewal lookups require productNo (documented) and it must name one of the caller's products (assumed). */
function renewedProduct(service: MockService, account: Account, query: { productId: number; productNo?: string }) {
  if (query.productNo === undefined)
    refuse("parameter_validation_failed", "productNo", "required", "is required to look up a renewal");
  service.instanceProduct(account, query.productId, query.productNo!);
}
