// The vendor tutorials as functions: look up the subordinate, the plan and services, the billing contact, order.
import type {
  CatalogPlan,
  CatalogService,
  ContactInfo,
  InstanceProduct,
  OrderItem,
  OrderSaveRequest,
  PartnerPortalClient,
} from "./client.ts";
import { allInstanceProducts } from "./client.ts";
import { idToString } from "../openapi/json.ts";
import { placeOrder, type PlaceOrderOptions, type PlacedOrder } from "./placing.ts";

export const TURNKEY_PRODUCT_ID = 14;

/** Something found by its ID or by its name (case-insensitive). */
export type Choice = { id: bigint | string } | { name: string };
/** A subordinate user, by partnerId, e-mail or company. */
export type PartnerPick = { partnerId: bigint | string } | { email: string } | { company: string };
/** A billing contact, by billingContactId or e-mail; the first contact when omitted. */
export type ContactPick = { billingContactId: bigint | string } | { emailAddress: string };
export type BillingCycle = "monthly" | "annually";

export class FlowError extends Error {
  override readonly name = "FlowError";
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const describe = (p: Choice) => ("id" in p ? `ID ${idToString(p.id)}` : `name "${p.name}"`);

function pickPlan(plans: CatalogPlan[], which: Choice, purchaseType: string): CatalogPlan {
  const candidates = plans.filter((p) => p.purchaseType === purchaseType);
  const found = candidates.find((p) => ("id" in which ? p.planId === idToString(which.id) : same(p.name, which.name)));
  if (!found) {
    const offered = candidates.map((p) => `${p.name} (${p.planId})`).join(", ") || "none";
    throw new FlowError(`no ${purchaseType} plan with ${describe(which)}; offered: ${offered}`);
  }
  return found;
}

function pickService(plan: CatalogPlan, which: Choice): CatalogService {
  const found = plan.serviceList.find((s) =>
    "id" in which ? s.serviceId === idToString(which.id) : same(s.name, which.name),
  );
  if (!found) {
    const offered = plan.serviceList.map((s) => `${s.name} (${s.serviceId})`).join(", ") || "none";
    throw new FlowError(
      `plan ${plan.name} has no ${plan.purchaseType} service with ${describe(which)}; offered: ${offered}`,
    );
  }
  return found;
}

async function pickPartnerId(client: PartnerPortalClient, which: PartnerPick | undefined): Promise<string | undefined> {
  if (!which) return undefined;
  const partners = await client.listSubordinates();
  const found = partners.find((p) =>
    "partnerId" in which
      ? p.partnerId === idToString(which.partnerId)
      : "email" in which
        ? same(p.email ?? "", which.email)
        : same(p.company ?? "", which.company),
  );
  if (!found)
    throw new FlowError(
      `no subordinate user matches ${JSON.stringify(which, (_k, v) => (typeof v === "bigint" ? String(v) : v))}`,
    );
  return found.partnerId;
}

async function pickBillingContact(client: PartnerPortalClient, which: ContactPick | undefined): Promise<ContactInfo> {
  const contacts = await client.listBillingContacts();
  const found = !which
    ? contacts[0]
    : contacts.find((c) =>
        "billingContactId" in which
          ? c.billingContactId === idToString(which.billingContactId)
          : same(c.emailAddress ?? "", which.emailAddress),
      );
  if (!found)
    throw new FlowError(which ? "no billing contact matches the one asked for" : "the account has no billing contact");
  return found;
}

// IDs travel as bigint so the body carries bare 19-digit integers, exactly as the vendor's examples do.
const bare = (id: string) => BigInt(id);
// A partnerId is documented as a String: digits go bare like the other IDs, anything else as text.
const partnerRef = (id: string) => (/^[0-9]{1,19}$/.test(id) ? BigInt(id) : id);

interface Common {
  productId?: number;
  /** Order for this subordinate user instead of the caller (tutorial step 1). */
  partner?: PartnerPick;
  /** How the order is placed: its reference (poNumber), reconciliation of a lost answer, timeouts. */
  order?: PlaceOrderOptions;
}

export interface FreeTrialOptions extends Common {
  plan: Choice;
  /** Trial services to add to the trial plan; they connect to it through connectionPlanId. */
  services?: Choice[];
}

/** Tutorial "Obtain Free Trial for P-Series Turnkey Package": steps 1 to 3. */
export async function requestFreeTrial(client: PartnerPortalClient, o: FreeTrialOptions): Promise<PlacedOrder> {
  const productId = o.productId ?? TURNKEY_PRODUCT_ID;
  const partnerId = await pickPartnerId(client, o.partner);
  const info = await client.getPurchaseProductInfo(productId);
  const plan = pickPlan(info.planList, o.plan, "trial");
  const items: OrderItem[] = [
    { serviceType: "plan", serviceId: bare(plan.planId), purchaseType: "trial", multiCycle: 0 },
  ];
  for (const s of o.services ?? []) {
    const service = pickService(plan, s);
    items.push({
      connectionPlanId: bare(plan.planId),
      serviceType: "service",
      serviceId: bare(service.serviceId),
      purchaseType: "trial",
      multiCycle: 0,
    });
  }
  const body: OrderSaveRequest = { operationType: "trial_plan", productId, serviceList: items };
  if (partnerId) body.partnerId = partnerRef(partnerId);
  return placeOrder(client, body, o.order);
}

interface Paid extends Common {
  /** The product (instance) to order for, from listInstanceProducts (productNo); default: the first that fits. */
  productNo?: string;
  billingContact?: ContactPick;
  billingCycle?: BillingCycle;
  multiCycle?: number;
}

export interface SubscribeServiceOptions extends Paid {
  /** The current plan of the instance to expand (connectionPlanId). */
  plan: Choice;
  service: Choice;
  quantity: number;
}

/** Tutorial "Expand Capacity or Subscribe Services for P-Series Turnkey Package": steps 1 to 4. */
export async function subscribeService(client: PartnerPortalClient, o: SubscribeServiceOptions): Promise<PlacedOrder> {
  const productId = o.productId ?? TURNKEY_PRODUCT_ID;
  const partnerId = await pickPartnerId(client, o.partner);
  const info = await client.getPurchaseProductInfo(productId);
  const plan = pickPlan(info.planList, o.plan, "purchase");
  const service = pickService(plan, o.service);
  const contact = await pickBillingContact(client, o.billingContact);
  const body: OrderSaveRequest = {
    operationType: "purchase_service",
    productId,
    ...(o.productNo ? { productNo: o.productNo } : {}),
    billingId: bare(contact.billingContactId),
    serviceList: [
      {
        connectionPlanId: bare(plan.planId),
        serviceType: "service",
        serviceId: bare(service.serviceId),
        quantity: o.quantity,
        purchaseType: "purchase",
        billingModel: "recurring",
        billingCycle: o.billingCycle ?? "annually",
        multiCycle: o.multiCycle ?? 0,
      },
    ],
  };
  if (partnerId) body.partnerId = partnerRef(partnerId);
  return placeOrder(client, body, o.order);
}
/** The tutorial's own name for the same flow. */
export const expandCapacity = subscribeService;

export interface PlanOrderOptions extends Paid {
  plan: Choice;
  /** Extensions of the plan; required for a purchase. A renewal sends exactly the current count: given, or read
   * from the product's details (Get Product Details) when left out. */
  quantity?: number;
  /** Services with the plan; for a renewal, left out means every service the product has, at its current count. */
  services?: Array<{ service: Choice; quantity?: number }>;
}

/** The product a renewal is for: the given productNo, or the first non-trial product of the plan and user. */
async function productToRenew(
  client: PartnerPortalClient,
  productId: number,
  planId: string,
  partnerId: string | undefined,
  productNo: string | undefined,
): Promise<InstanceProduct> {
  if (productNo) return client.getInstanceProduct(productId, productNo);
  const owner = partnerId ?? "";
  const candidates = (await allInstanceProducts(client, productId)).filter(
    (p) => !p.trial && p.planId === planId && p.partnerId === owner,
  );
  // An active product first; an expired one can be renewed too.
  const found = candidates.find((p) => p.status !== "expired") ?? candidates[0];
  if (found) return found;
  throw new FlowError(`no product of plan ${planId} to renew${partnerId ? ` for subordinate ${partnerId}` : ""}`);
}

async function planOrder(
  client: PartnerPortalClient,
  o: PlanOrderOptions,
  kind: "purchase" | "renew",
): Promise<PlacedOrder> {
  const productId = o.productId ?? TURNKEY_PRODUCT_ID;
  const partnerId = await pickPartnerId(client, o.partner);
  const info = await client.getPurchaseProductInfo(productId);
  const plan = pickPlan(info.planList, o.plan, kind);
  const contact = await pickBillingContact(client, o.billingContact);
  // A renewal sends the exact current counts: read them unless the caller gave them.
  const needsCounts =
    kind === "renew" && (o.quantity === undefined || !o.services || o.services.some((s) => s.quantity === undefined));
  const current = needsCounts
    ? await productToRenew(client, productId, plan.planId, partnerId, o.productNo)
    : undefined;
  const quantity = o.quantity ?? current?.extensions;
  if (quantity === undefined) throw new FlowError("quantity (the number of extensions) is required for a purchase");
  const count = (serviceId: string) => current?.services.find((s) => s.serviceId === serviceId)?.quantity ?? 0;
  const wanted =
    o.services ??
    (current?.services ?? [])
      .filter((s) => plan.serviceList.some((x) => x.serviceId === s.serviceId))
      .map((s) => ({ service: { id: s.serviceId }, quantity: s.quantity }));
  const billing = {
    billingModel: "recurring" as const,
    billingCycle: o.billingCycle ?? "annually",
    multiCycle: o.multiCycle ?? 0,
  };
  const items: OrderItem[] = [
    { serviceType: "plan", serviceId: bare(plan.planId), quantity, purchaseType: kind, ...billing },
  ];
  for (const s of wanted) {
    const service = pickService(plan, s.service);
    items.push({
      connectionPlanId: bare(plan.planId),
      serviceType: "service",
      serviceId: bare(service.serviceId),
      quantity: s.quantity ?? count(service.serviceId),
      purchaseType: kind,
      ...billing,
    });
  }
  const productNo = o.productNo ?? (kind === "renew" ? current?.productNo : undefined);
  const body: OrderSaveRequest = {
    operationType: kind === "purchase" ? "purchase_plan" : "renew_plan",
    productId,
    ...(productNo ? { productNo } : {}),
    billingId: bare(contact.billingContactId),
    serviceList: items,
  };
  if (partnerId) body.partnerId = partnerRef(partnerId);
  return placeOrder(client, body, o.order);
}

/** Tutorial "Purchase P-Series Turnkey Package": a new instance of a plan, with optional services. */
export const purchasePlan = (client: PartnerPortalClient, o: PlanOrderOptions) => planOrder(client, o, "purchase");
/** Tutorial "Renew P-Series Turnkey Package": quantities must equal the current counts. */
export const renewPlan = (client: PartnerPortalClient, o: PlanOrderOptions) => planOrder(client, o, "renew");
