// The vendor's endpoints: each a thin handler from a validated call to the service.
import type { OrderRequest } from "../domain/orders.ts";
import type { MockService } from "../domain/service.ts";
import type { Handler } from "../http/pipeline.ts";
import { unchanging } from "../http/envelope.ts";

export function vendorHandlers(service: MockService): Record<string, Handler> {
  return {
    requestToken: ({ body }) => {
      const form = body as Record<string, string>;
      return form.grant_type === "refresh_token"
        ? service.issueForRefreshToken(form.refresh_token!)
        : service.issueForCredentials(form.client_id!, form.client_secret!);
    },
    // Contacts, subordinates and the catalog never change through the API: their JSON is built once.
    listSubordinates: ({ account }) => unchanging(account!.subordinates),
    listBillingContacts: ({ account }) => unchanging(account!.billingContacts),
    listProducts: () => unchanging(service.products()),
    getPurchaseProductInfo: ({ query }) => unchanging(service.productInfo(query.productId as number)),
    // Acknowledged only once the state file has it.
    createOrder: async ({ account, body, bodyText }) =>
      (await service.placeOrder(account!, body as OrderRequest, bodyText)).result,
    listOrders: ({ account, query }) =>
      service.listOrders(account!, (query.pageNo as number) ?? 1, (query.pageSize as number) ?? 25),
    getOrder: ({ account, params }) => service.getOrder(account!, params.id as string),
  };
}
