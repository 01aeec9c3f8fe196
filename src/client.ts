// The typed client: openapi-fetch on the generated paths, lossless JSON, tokens, envelope-aware results.
import createClient, { type Client } from "openapi-fetch";
import type { paths, components } from "../openapi/generated/partner-portal.ts";
import { TokenManager, type TokenDetails } from "./auth.ts";
import { PartnerPortalError, isEnvelope, notAnEnvelope } from "./errors.ts";
import { bearerAuth, losslessJson, parsedBody } from "./middleware.ts";
import { stringifyJson } from "../openapi/json.ts";

type Schemas = components["schemas"];
export type OrderSaveRequest = Schemas["OrderSaveRequest"];
export type OrderItem = Schemas["OrderItem"];
export type OrderResult = Schemas["OrderResult"];
export type UserInfo = Schemas["UserInfo"];
export type ContactInfo = Schemas["ContactInfo"];
export type ProductInfo = Schemas["ProductInfo"];
export type PurchaseProductInfo = Schemas["PurchaseProductInfo"];
export type CatalogPlan = Schemas["CatalogPlan"];
export type CatalogService = Schemas["CatalogService"];
export type OrderPage = Schemas["OrderPage"];
export type OrderDetail = Schemas["OrderDetail"];
export type InstanceProduct = Schemas["InstanceProduct"];
export type PriceInfo = Schemas["PriceInfo"];
export type PurchaseTypeName = "trial" | "purchase" | "renew";
export type InstanceProductPage = Schemas["InstanceProductPage"];
export type ProductModel = Schemas["ProductModel"];

export interface PartnerPortalClientOptions {
  /** e.g. https://openapi.partner.yeastar.com, or http://127.0.0.1:4000 for the mock. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Sent on every request; the API requires one. */
  userAgent?: string;
  /**
   * A fetch implementation (tests pass a stub). Without one, `globalThis.fetch` is looked up at each call, so a
   * fetch patched after the client was created (MSW's `server.listen()`, nock, undici's MockAgent) still applies.
   */
  fetch?: typeof globalThis.fetch;
  /** Milliseconds since the epoch, for token expiry; injectable for tests. */
  now?: () => number;
}

export const DEFAULT_USER_AGENT = "yeastar-partner-portal-kit/0.2";

/** A JSON body serializer that writes bigint IDs as bare integers with every digit. */
const jsonBody = (body: unknown): string => stringifyJson(body);
const formBody = (body: unknown): string => new URLSearchParams(body as Record<string, string>).toString();

/**
 * The envelope's result on success; a PartnerPortalError otherwise, whatever the HTTP status (the vendor documents
 * errors as HTTP 200 with the status in the envelope). Reads the lossless parse, never `data`: every call asks
 * openapi-fetch for text, so a body that is not JSON (a proxy's page, even with HTTP 200) is ours to report.
 */
async function unwrap<T>(call: Promise<{ response: Response }>): Promise<T> {
  const { response } = await call;
  const body = parsedBody(response);
  if (!body || !isEnvelope(body.json)) throw notAnEnvelope(response.status, body?.text ?? "");
  const envelope = body.json;
  if (envelope.code !== "success" || !response.ok) throw new PartnerPortalError(envelope, response.status);
  return envelope.result as T;
}

export interface PartnerPortalClient {
  /** The raw typed openapi-fetch client (auth and lossless parsing included); read bodies with `parsedBody`. */
  readonly api: Client<paths>;
  readonly tokens: TokenManager;
  listSubordinates(): Promise<UserInfo[]>;
  listBillingContacts(): Promise<ContactInfo[]>;
  listProducts(): Promise<ProductInfo[]>;
  getPurchaseProductInfo(productId: number): Promise<PurchaseProductInfo>;
  /** order/save as is: one request, no reference, no reconciliation (see placeOrder for those). */
  createOrder(body: OrderSaveRequest, init?: { signal?: AbortSignal }): Promise<OrderResult>;
  listOrders(query?: { pageNo?: number; pageSize?: number }): Promise<OrderPage>;
  getOrder(idOrOrderNo: string): Promise<OrderDetail>;
  /** Query Product List: the caller's products (instances) of one product, newest first. */
  listInstanceProducts(query: { productId: number; pageNo?: number; pageSize?: number }): Promise<InstanceProductPage>;
  /** Get Product Details: one product by its productNo. */
  getInstanceProduct(productId: number, productNo: string): Promise<InstanceProduct>;
  /** Query Product Model: the hardware model of a product by its serial number (productNo). */
  getProductModel(productId: number, productNo: string): Promise<ProductModel>;
  /** Query Information about the Plan Available for Trial / Subscription / Renewal. */
  getPlanInfo(
    purchaseType: PurchaseTypeName,
    pricingPlanId: string,
    query: { productId: number; productNo?: string },
  ): Promise<CatalogPlan>;
  /** Query Information about the Service Available for Trial / Subscription / Renewal. */
  getAddOnInfo(
    purchaseType: PurchaseTypeName,
    pricingServiceId: string,
    query: { productId: number; connectionPlanId?: string; productNo?: string },
  ): Promise<CatalogService>;
  /** Query Subscription Price: list prices before ordering. */
  getPriceInfo(query: {
    productId: number;
    billingCycle: "once" | "monthly" | "annually";
    offeringId: string;
    partnerId?: string;
  }): Promise<PriceInfo>;
  /** Query Information of a Subordinate User, by partnerId (or the e-mail the docs call its Yeastar ID). */
  getSubordinate(partnerId: string): Promise<UserInfo>;
}

export function createPartnerPortalClient(options: PartnerPortalClientOptions): PartnerPortalClient {
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const fetch: typeof globalThis.fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
  const common = { baseUrl: options.baseUrl.replace(/\/+$/, ""), fetch, bodySerializer: jsonBody };

  const authClient = createClient<paths>(common);
  authClient.use(losslessJson);
  const tokens = new TokenManager({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    now: options.now,
    endpoint: (form) =>
      unwrap<TokenDetails>(
        authClient.POST("/auth/openapi/v1/oauth/token", {
          params: { header: { "User-Agent": userAgent } },
          body: form as Schemas["TokenRequest"],
          bodySerializer: formBody,
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          parseAs: "text",
        }),
      ),
  });

  const api = createClient<paths>(common);
  // Order matters: onResponse runs in reverse, so auth retries first and the final response is parsed.
  api.use(losslessJson, bearerAuth(tokens, userAgent));
  // The auth middleware sets User-Agent; the generated types still want the header parameter.
  const ua = { header: { "User-Agent": userAgent } };

  return {
    api,
    tokens,
    listSubordinates: () =>
      unwrap(api.GET("/user/openapi/user/v1/client/partner_list", { params: ua, parseAs: "text" })),
    listBillingContacts: () =>
      unwrap(api.GET("/user/openapi/user/v1/client/billing_contact_list", { params: ua, parseAs: "text" })),
    listProducts: () => unwrap(api.GET("/pricing/openapi/purchase/v1/product_list", { params: ua, parseAs: "text" })),
    getPurchaseProductInfo: (productId) =>
      unwrap(
        api.GET("/pricing/openapi/purchase/v1/purchase_product_info", {
          params: { ...ua, query: { productId } },
          parseAs: "text",
        }),
      ),
    createOrder: (body, init = {}) =>
      unwrap(
        api.POST("/order/openapi/order/v1/save", {
          params: ua,
          body,
          parseAs: "text",
          ...(init.signal ? { signal: init.signal } : {}),
        }),
      ),
    listOrders: (query = {}) =>
      unwrap(api.GET("/order/openapi/order/v1/page", { params: { ...ua, query }, parseAs: "text" })),
    getOrder: (id) =>
      unwrap(api.GET("/order/openapi/order/v1/get/{id}", { params: { ...ua, path: { id } }, parseAs: "text" })),
    listInstanceProducts: (query) =>
      unwrap(
        api.GET("/product/openapi/instance_product/v1/client/instance_product_list", {
          params: { ...ua, query },
          parseAs: "text",
        }),
      ),
    getPlanInfo: (purchaseType, pricingPlanId, query) =>
      unwrap(
        api.GET("/pricing/openapi/purchase/v1/{purchaseType}/plan_info/{pricingPlanId}", {
          params: { ...ua, path: { purchaseType, pricingPlanId }, query },
          parseAs: "text",
        }),
      ),
    getAddOnInfo: (purchaseType, pricingServiceId, query) =>
      unwrap(
        api.GET("/pricing/openapi/purchase/v1/{purchaseType}/add_on_info/{pricingServiceId}", {
          params: { ...ua, path: { purchaseType, pricingServiceId }, query },
          parseAs: "text",
        }),
      ),
    getPriceInfo: (query) =>
      unwrap(api.GET("/pricing/openapi/purchase/v1/my_price_info", { params: { ...ua, query }, parseAs: "text" })),
    getSubordinate: (partnerId) =>
      unwrap(
        api.GET("/user/openapi/user/v1/subordinate_user/{partnerId}", {
          params: { ...ua, path: { partnerId } },
          parseAs: "text",
        }),
      ),
    getInstanceProduct: (productId, productNo) =>
      unwrap(
        api.GET("/product/openapi/instance_product/v1/detail", {
          params: { ...ua, query: { productId, productNo } },
          parseAs: "text",
        }),
      ),
    getProductModel: (productId, productNo) =>
      unwrap(
        api.GET("/product/openapi/instance/v1/product_model", {
          params: { ...ua, query: { productId, productNo } },
          parseAs: "text",
        }),
      ),
  };
}

/** Every product (instance) of one product the caller holds, reading up to `maxPages` pages of 100. */
export async function allInstanceProducts(
  client: PartnerPortalClient,
  productId: number,
  maxPages = 20,
): Promise<InstanceProduct[]> {
  const out: InstanceProduct[] = [];
  for (let pageNo = 1; pageNo <= maxPages; pageNo++) {
    const page = await client.listInstanceProducts({ productId, pageNo, pageSize: 100 });
    out.push(...page.results);
    if (pageNo >= page.totalPage) break;
  }
  return out;
}
