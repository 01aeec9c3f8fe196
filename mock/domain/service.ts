// All state and data logic of the mock, in the manner of json-server's Service: routes call these methods.
// Decide, then apply: each change is first decided (pure: a refusal, or change records), then made by
// apply(record), the only code that changes state, live and on replay of the state file alike.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { DAY_MS } from "./clock.ts";
import { findPlan, findService, nameOf } from "./catalog.ts";
import { DomainError, refuse } from "./errors.ts";
import { IdSequence, type Counters } from "./ids.ts";
import { applyEffect, decideOrder, orderLines, resultOf, type OrderOutcome, type OrderRequest } from "./orders.ts";
import { TokenSigner, accessClaims, refreshClaims, ACCESS_TTL_S, type Claims } from "./tokens.ts";
import type {
  Account,
  BillingCycle,
  CatalogPlan,
  CatalogService,
  Instance,
  Order,
  OrderDetail,
  OrderInfo,
  Product,
  PurchaseType,
  UserInfo,
} from "./types.ts";
import type { Seed } from "../seed/load.ts";

export type ChangeRecord =
  | { t: "account"; account: Account }
  /** An order; `instance` is the instance it changes or creates, absent while the order waits for payment. */
  | { t: "order"; clientId: string; order: Order; instance?: Instance; trialKey?: string }
  /** A pending order settled: its new status, and the instance as it changes now if it succeeded. */
  | { t: "settle"; clientId: string; orderNo: string; status: "succeed" | "failed" | "cancelled"; instance?: Instance }
  | { t: "payment"; clientId: string; mode: "auto" | "manual" }
  | { t: "clock"; clientId: string; offsetMs: number }
  | { t: "reset" }
  /** An isolated account that was idle too long. */
  | { t: "remove"; clientId: string }
  /** The whole state at once: the first record of a compacted state file. */
  | { t: "snapshot"; accounts: Account[]; ids: Record<keyof Counters, string> };

/** Where change records go to become durable. */
export interface ChangeSink {
  /** Settles when the record is durable; rejects when it could not be made so. */
  append(record: ChangeRecord): Promise<void>;
  /** Set once the sink has failed: no change is accepted after that (fail-stop). */
  readonly failure?: string | undefined;
}

const MEMORY: ChangeSink = { append: () => Promise.resolve() };

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export interface ServiceOptions {
  seed: Seed;
  demo: Credentials;
  /** Signs tokens; a state file keeps it so tokens survive a restart. */
  jwtSecret: string;
  /** Most isolated accounts at once (default 1,000). */
  maxAccounts?: number;
  /** An isolated account unused for this long is removed (default 24 hours). */
  accountTtlMs?: number;
  /** Where the order list shows an order's poNumber: customReferenceNo (default, assumed), or nowhere. */
  referenceField?: ReferenceField;
}

export type ReferenceField = "customReferenceNo" | "none";

export const DEFAULT_MAX_ACCOUNTS = 1000;
export const DEFAULT_ACCOUNT_TTL_MS = 24 * 3600 * 1000;

/** Equal strings, compared in constant time (of their SHA-256), so a secret cannot be guessed by timing. */
export function safeEqual(a: string, b: string): boolean {
  const h = (x: string) => createHash("sha256").update(x).digest();
  return timingSafeEqual(h(a), h(b));
}

const MAX_REFRESH_TOKENS = 1000;
const MAX_VERIFIED_TOKENS = 10_000;
const nowS = (ms: number) => Math.floor(ms / 1000);
const hex = (n: number) => randomBytes(n).toString("hex");

export class MockService {
  readonly catalog: ReadonlyMap<number, Product>;
  readonly #accounts = new Map<string, Account>();
  /** Valid refresh-token IDs per account; using one removes it (rotation). */
  readonly #refresh = new Map<string, Set<string>>();
  readonly #signer: TokenSigner;
  readonly #verified = new Map<string, { account: Account; exp: number }>();
  #productList?: Array<{ name: string; productId: number }>;
  readonly ids = new IdSequence();
  #sink: ChangeSink = MEMORY;
  #uniq = 0;
  /** When each account last authenticated (memory only: after a restart, idle time counts from then). */
  readonly #lastUsed = new Map<string, number>();

  constructor(readonly options: ServiceOptions) {
    this.catalog = new Map(options.seed.products.map((p) => [p.productId, p]));
    this.#signer = new TokenSigner(options.jwtSecret);
  }

  /** Send change records here from now on (after replay). */
  setSink(sink: ChangeSink): void {
    this.#sink = sink;
  }

  /**
   * Makes decided changes: refuses all of them when the sink has failed, else applies each and hands it to
   * the sink. The promise settles when they are durable; the caller acknowledges only then.
   */
  #commit(...records: ChangeRecord[]): Promise<void> {
    const failure = this.#sink.failure;
    if (failure)
      refuse(
        "service_unavailable",
        "",
        "state_file_failed",
        `the state file could not be written (${failure}); the mock accepts no changes until it is restarted`,
      );
    let durable: Promise<void> = Promise.resolve();
    for (const r of records) {
      this.apply(r);
      durable = this.#sink.append(r);
    }
    // Records are made durable in order, so the last one settling means all did.
    return durable.catch((err: Error) =>
      refuse(
        "service_unavailable",
        "",
        "state_file_failed",
        `the change could not be made durable (${err.message}); it is not acknowledged, and the mock accepts no changes until it is restarted`,
      ),
    );
  }

  // ---- accounts -------------------------------------------------------------------------------------------

  get demoClientId(): string {
    return this.options.demo.clientId;
  }

  accounts(): Account[] {
    return [...this.#accounts.values()];
  }

  account(clientId: string): Account | undefined {
    return this.#accounts.get(clientId);
  }

  /** The account, or a 404 refusal naming clientId. */
  requireAccount(clientId: string): Account {
    return (
      this.#accounts.get(clientId) ?? refuse("resource_not_found", "clientId", "not_found", `no account ${clientId}`)
    );
  }

  /** The account's test clock: real time plus the offset it was advanced by. */
  now(clientId: string): number {
    return Date.now() + (this.#accounts.get(clientId)?.clockOffsetMs ?? 0);
  }

  /** A fresh account seeded like the demo one. The demo account keeps the seed's literal IDs. */
  #seedAccount(creds: Credentials, literalIds: boolean): Account {
    const s = this.options.seed.account;
    const now = Date.now();
    const uniq = () => String(3076913644890000000n + BigInt(Date.now() % 1e9) * 1000n + BigInt(++this.#uniq % 1000));
    const instances: Instance[] = s.instances.map((x, k) => {
      const fresh = this.ids.peekInstance(k);
      return {
        instanceId: literalIds && x.instanceId ? x.instanceId : fresh.instanceId,
        productNo: literalIds && x.productNo ? x.productNo : fresh.productNo,
        productId: x.productId,
        partnerId: x.partnerId,
        planId: x.planId,
        trial: false,
        quantity: x.quantity,
        services: { ...x.services },
        billingCycle: x.billingCycle,
        createTime: now,
        expireTime: now + x.expiresInDays * DAY_MS,
      };
    });
    return {
      ...creds,
      ucId: literalIds ? s.ucId : uniq(),
      userId: literalIds ? s.userId : uniq(),
      username: literalIds ? s.username : `sandbox-${creds.clientId}@mock.invalid`,
      userCode: s.userCode,
      subordinates: structuredClone(s.subordinates),
      billingContacts: structuredClone(s.billingContacts),
      instances,
      orders: [],
      trialsUsed: [],
      clockOffsetMs: 0,
      createTime: now,
    };
  }

  /** Starts from the seed: only the demo account. */
  async seedDemo(): Promise<Account> {
    const account = this.#seedAccount(this.options.demo, true);
    await this.#commit({ t: "account", account });
    return account;
  }

  /** Back to the seed: every account goes, the demo account comes back. One step, so nothing interleaves. */
  async reset(): Promise<Account> {
    const account = this.#seedAccount(this.options.demo, true);
    await this.#commit({ t: "reset" }, { t: "account", account });
    return account;
  }

  /** An isolated account with fresh credentials, for a test run of its own; idle ones are removed first. */
  async createAccount(): Promise<Account> {
    await this.expireIdle();
    const max = this.options.maxAccounts ?? DEFAULT_MAX_ACCOUNTS;
    if (this.#accounts.size - (this.#accounts.has(this.demoClientId) ? 1 : 0) >= max)
      refuse(
        "too_many_requests",
        "",
        "limit",
        `this mock already holds ${max} isolated accounts (--max-accounts); POST /__mock/reset, or wait for idle ones to expire`,
      );
    const account = this.#seedAccount({ clientId: `sandbox-${hex(8)}`, clientSecret: hex(24) }, false);
    await this.#commit({ t: "account", account });
    return account;
  }

  async advanceClock(clientId: string, seconds: number): Promise<number> {
    const account = this.requireAccount(clientId);
    if (!Number.isFinite(seconds) || seconds < 0)
      refuse("parameter_validation_failed", "seconds", "range", "the clock only moves forward");
    const offsetMs = account.clockOffsetMs + seconds * 1000;
    await this.#commit({ t: "clock", clientId, offsetMs });
    return this.now(clientId);
  }

  /** Removes isolated accounts unused for longer than the TTL; resolves to how many went. */
  async expireIdle(now = Date.now()): Promise<number> {
    const ttl = this.options.accountTtlMs ?? DEFAULT_ACCOUNT_TTL_MS;
    const idle = this.accounts().filter(
      (a) => a.clientId !== this.demoClientId && (this.#lastUsed.get(a.clientId) ?? a.createTime) + ttl <= now,
    );
    if (idle.length) await this.#commit(...idle.map((a) => ({ t: "remove", clientId: a.clientId }) as const));
    return idle.length;
  }

  /** Applies a change record to memory: the only code that changes state, used live and on replay. */
  apply(record: ChangeRecord): void {
    switch (record.t) {
      case "reset":
        this.#accounts.clear();
        this.#refresh.clear();
        this.#verified.clear();
        return;
      case "account":
        this.#accounts.set(record.account.clientId, record.account);
        for (const i of record.account.instances) this.ids.observe(i);
        return;
      case "remove":
        this.#accounts.delete(record.clientId);
        this.#refresh.delete(record.clientId);
        this.#lastUsed.delete(record.clientId);
        return;
      case "clock": {
        const a = this.#accounts.get(record.clientId);
        if (a) a.clockOffsetMs = record.offsetMs;
        return;
      }
      case "order": {
        const a = this.#accounts.get(record.clientId);
        if (!a) return;
        a.orders.push(record.order);
        if (record.instance) this.#putInstance(a, record.instance);
        if (record.trialKey) a.trialsUsed.push(record.trialKey);
        this.ids.observe(record.order);
        return;
      }
      case "settle": {
        const a = this.#accounts.get(record.clientId);
        const o = a?.orders.find((x) => x.orderNo === record.orderNo);
        if (!a || !o) return;
        o.status = record.status;
        delete o.effect;
        if (record.instance) this.#putInstance(a, record.instance);
        return;
      }
      case "payment": {
        const a = this.#accounts.get(record.clientId);
        if (a) a.paymentMode = record.mode;
        return;
      }
      case "snapshot":
        this.#accounts.clear();
        for (const a of record.accounts) this.#accounts.set(a.clientId, a);
        this.ids.restore(record.ids);
        return;
    }
  }

  #putInstance(a: Account, instance: Instance): void {
    const i = a.instances.findIndex((x) => x.instanceId === instance.instanceId);
    if (i < 0) a.instances.push(instance);
    else a.instances[i] = instance;
  }

  /** Payment mode of an account (control API): auto, or manual (paid orders wait for a settlement). */
  async setPaymentMode(clientId: string, mode: "auto" | "manual"): Promise<void> {
    this.requireAccount(clientId);
    await this.#commit({ t: "payment", clientId, mode });
  }

  /** Settles a pending order (control API): succeed makes its change now; failed and cancelled never do. */
  async settleOrder(clientId: string, orderNo: string, status: "succeed" | "failed" | "cancelled"): Promise<Order> {
    const a = this.requireAccount(clientId);
    const order =
      a.orders.find((o) => o.orderId !== null && (o.orderNo === orderNo || o.orderId === orderNo)) ??
      refuse("resource_not_found", "orderNo", "not_found", `no order ${orderNo} for this account`);
    if (order.status !== "pending" || !order.effect)
      refuse("order_not_pending", "orderNo", "settled", `order ${order.orderNo} is ${order.status}, not pending`);
    const record: ChangeRecord = { t: "settle", clientId, orderNo: order.orderNo, status };
    if (status === "succeed") {
      const effect = order.effect!;
      const current = effect.kind === "new" ? undefined : a.instances.find((i) => i.instanceId === effect.instanceId);
      if (effect.kind !== "new" && !current)
        refuse("instance_not_found", "orderNo", "not_found", `the instance of order ${order.orderNo} is gone`);
      record.instance = applyEffect(current, effect, this.now(clientId));
    }
    await this.#commit(record);
    return order;
  }

  /** The whole state as one record: what compaction writes, and what a replay must rebuild exactly. */
  snapshot(): Extract<ChangeRecord, { t: "snapshot" }> {
    return { t: "snapshot", accounts: this.accounts(), ids: this.ids.toJSON() };
  }

  // ---- tokens ---------------------------------------------------------------------------------------------

  #issue(account: Account) {
    const t = nowS(this.now(account.clientId));
    const access = accessClaims(account, t);
    const refresh = refreshClaims(account, t, access.jti);
    let valid = this.#refresh.get(account.clientId);
    if (!valid) this.#refresh.set(account.clientId, (valid = new Set()));
    valid.add(refresh.jti);
    if (valid.size > MAX_REFRESH_TOKENS) valid.delete(valid.values().next().value!);
    return {
      expiresIn: String(ACCESS_TTL_S),
      refreshToken: this.#signer.sign(refresh),
      token: this.#signer.sign(access),
      tokenHead: "Bearer ",
    };
  }

  issueForCredentials(clientId: string, clientSecret: string) {
    const account = this.#accounts.get(clientId);
    // Compared in constant time, and even for an unknown client_id, so timing tells nothing.
    const matches = safeEqual(account?.clientSecret ?? "\0", clientSecret);
    if (!account || !matches)
      refuse("invalid_client", "client_id", "invalid", "unknown client_id or wrong client_secret");
    this.#lastUsed.set(clientId, Date.now());
    return this.#issue(account!);
  }

  /** Rotation: the refresh token is spent, a new pair is issued. */
  issueForRefreshToken(token: string) {
    const claims = this.#signer.verify(token, "refresh_token", "invalid_grant");
    const account = this.#accounts.get(claims.client_id);
    if (claims.token_type !== "refresh" || !account)
      return refuse("invalid_grant", "refresh_token", "invalid", "is not a refresh token of a known client");
    if (claims.exp <= nowS(this.now(account.clientId)))
      refuse(
        "invalid_grant",
        "refresh_token",
        "expired",
        "has expired (15 days); request a new token with the client credentials",
      );
    const valid = this.#refresh.get(account.clientId);
    if (!valid?.delete(claims.jti))
      refuse("invalid_grant", "refresh_token", "revoked", "was already used or revoked; use the latest refresh token");
    return this.#issue(account);
  }

  /** The account of a valid access token. Verified tokens are remembered, so the signature is checked once. */
  authenticate(token: string): Account {
    let known = this.#verified.get(token);
    // A reset or a replaced account invalidates what was remembered.
    if (!known || this.#accounts.get(known.account.clientId) !== known.account) known = this.#verifyAccess(token);
    if (known.exp <= nowS(this.now(known.account.clientId)))
      refuse(
        "token_expired",
        "Authorization",
        "expired",
        "the access token has expired; refresh it or request a new one",
      );
    this.#lastUsed.set(known.account.clientId, Date.now());
    return known.account;
  }

  #verifyAccess(token: string): { account: Account; exp: number } {
    const claims: Claims = this.#signer.verify(token, "Authorization", "invalid_token");
    const account = this.#accounts.get(claims.client_id);
    if (claims.token_type !== "openapi" || !account)
      return refuse("invalid_token", "Authorization", "invalid", "is not an access token of a known client");
    if (this.#verified.size >= MAX_VERIFIED_TOKENS) this.#verified.clear();
    const entry = { account, exp: claims.exp };
    this.#verified.set(token, entry);
    return entry;
  }

  // ---- vendor reads ---------------------------------------------------------------------------------------

  products() {
    this.#productList ??= [...this.catalog.values()].map((p) => ({ name: p.productName, productId: p.productId }));
    return this.#productList;
  }

  productInfo(productId: number): Product {
    return (
      this.catalog.get(productId) ?? refuse("resource_not_found", "productId", "not_found", `no product ${productId}`)
    );
  }

  /** plan_info: one plan of the catalog for one purchase type. */
  planInfo(productId: number, purchaseType: PurchaseType, planId: string): CatalogPlan {
    return (
      findPlan(this.productInfo(productId), purchaseType, planId) ??
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
    const product = this.productInfo(productId);
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

  /** my_price_info: list prices of the plans and services that offer the billing cycle. */
  priceInfo(account: Account, productId: number, billingCycle: BillingCycle, offeringId: string, partnerId?: string) {
    const product = this.productInfo(productId);
    if (offeringId !== product.offeringId)
      refuse(
        "resource_not_found",
        "offeringId",
        "not_found",
        `${offeringId} is not the offering of product ${productId}`,
      );
    if (partnerId !== undefined) this.subordinate(account, partnerId);
    const line = (id: string, x: CatalogPlan | CatalogService) =>
      x.prices?.[billingCycle] === undefined
        ? []
        : [{ id, name: x.name, unitPrice: x.prices[billingCycle], unit: "unit" in x ? x.unit : "extension" }];
    return {
      offeringId,
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

  /** A subordinate user by its partnerId or its e-mail (the docs' example of a "Yeastar ID"). */
  subordinate(account: Account, partnerId: string): UserInfo {
    return (
      account.subordinates.find((s) => s.partnerId === partnerId || s.email === partnerId) ??
      refuse("partner_not_found", "partnerId", "not_found", `${partnerId} is not one of your subordinate users`)
    );
  }

  listOrders(account: Account, pageNo: number, pageSize: number) {
    const paid = account.orders.filter((o) => o.orderId !== null);
    const total = paid.length;
    const from = total - pageNo * pageSize;
    const page = paid.slice(Math.max(0, from), Math.max(0, from + pageSize)).reverse();
    return {
      count: total,
      pageNo,
      pageSize,
      results: page.map((o) => orderInfo(o, this.options.referenceField)),
      total,
      totalPage: Math.ceil(total / pageSize),
    };
  }

  /** Query Product List: the account's products (instances) of one product, newest first. */
  instanceProducts(account: Account, productId: number, pageNo: number, pageSize: number) {
    this.productInfo(productId);
    const now = this.now(account.clientId);
    const mine = account.instances
      .filter((i) => i.productId === productId)
      .sort((a, b) => b.createTime - a.createTime || Number(BigInt(b.instanceId) - BigInt(a.instanceId)));
    const total = mine.length;
    return {
      count: total,
      pageNo,
      pageSize,
      results: mine.slice((pageNo - 1) * pageSize, pageNo * pageSize).map((i) => this.#productOf(i, now)),
      total,
      totalPage: Math.ceil(total / pageSize),
    };
  }

  /** Get Product Details: one of the account's products by productNo. */
  instanceProduct(account: Account, productId: number, productNo: string) {
    this.productInfo(productId);
    // Instances of one product share its productNo (the demo's trial and paid instance do): the paid one first.
    const same = account.instances.filter((x) => x.productId === productId && x.productNo === productNo);
    const i = same.find((x) => !x.trial) ?? same[0];
    if (!i)
      return refuse(
        "resource_not_found",
        "productNo",
        "not_found",
        `no product ${productNo} of product ${productId} for this account`,
      );
    return this.#productOf(i, this.now(account.clientId));
  }

  #productOf(i: Instance, now: number) {
    const product = this.catalog.get(i.productId);
    const plan = product?.planList.find((p) => p.planId === i.planId);
    return {
      // Turnkey instances are hosted: nothing to activate (assumed).
      activationCode: "",
      activationStatus: "activated" as const,
      comment: "",
      createTime: i.createTime,
      currentPlan: "",
      currentPlanExpireDate: new Date(i.expireTime).toISOString(),
      productNo: i.productNo,
      productId: i.productId,
      instanceId: i.instanceId,
      planId: i.planId,
      planName: plan?.name ?? "",
      trial: i.trial,
      extensions: i.quantity,
      services: Object.entries(i.services).map(([serviceId, quantity]) => ({
        serviceId,
        name: product ? nameOf(product, serviceId) : "",
        quantity,
      })),
      expireTime: i.expireTime,
      partnerId: i.partnerId,
      status: instanceStatus(i, now),
    };
  }

  getOrder(account: Account, idOrNo: string): OrderDetail {
    const order = account.orders.find((o) => o.orderId !== null && (o.orderId === idOrNo || o.orderNo === idOrNo));
    if (!order) return refuse("resource_not_found", "id", "not_found", `no order ${idOrNo} for this account`);
    const product = this.catalog.get(order.productId);
    const contact = account.billingContacts.find((c) => c.billingContactId === order.billingContactId);
    return {
      basicInformation: {
        productId: String(order.productId),
        productName: product?.productName ?? "",
        productNo: order.productNo,
        instanceId: order.instanceId,
      },
      billingInformation: contact
        ? {
            billingContactId: contact.billingContactId,
            company: contact.company ?? "",
            firstName: contact.firstName ?? "",
            lastName: contact.lastName ?? "",
            emailAddress: contact.emailAddress ?? "",
          }
        : {},
      orderInformation: orderInfo(order, this.options.referenceField),
      orderSummary: { partnerId: order.partnerId, poNumber: order.poNumber, itemList: orderLines(order, product) },
    };
  }

  // ---- orders ---------------------------------------------------------------------------------------------

  /**
   * Decides an order against the account as it is now, looked up by its key at the moment of the change
   * (after the body was read and any latency): if a reset or a removal replaced the account the request was
   * authenticated for, it is refused and nothing changes. Resolves once the order is durable.
   */
  async placeOrder(authenticated: Account, body: OrderRequest, requestText: string): Promise<OrderOutcome> {
    const account = this.#accounts.get(authenticated.clientId);
    if (account !== authenticated)
      refuse(
        "account_changed",
        "Authorization",
        "changed",
        `the account ${authenticated.clientId} was ${account ? "reset" : "removed"} while this request was in flight; nothing was changed`,
      );
    // Assumed productNo model: a productNo names the user's product, which its instances share; so the demo
    // account's trial answers the documented IDs (instance 1948747, productNo 3076913644890832896).
    const seedTrial = this.options.seed.account.trial;
    const trialIds =
      seedTrial &&
      account!.clientId === this.demoClientId &&
      !account!.instances.some((i) => i.instanceId === seedTrial.instanceId)
        ? seedTrial
        : undefined;
    const outcome = decideOrder(body, {
      account: account!,
      catalog: this.catalog,
      ids: this.ids,
      now: this.now(account!.clientId),
      requestText,
      trialIds,
    });
    const record: ChangeRecord = { t: "order", clientId: account!.clientId, order: outcome.order };
    if (account!.paymentMode === "manual" && outcome.effect) {
      // Waits for payment: answered pending, and nothing changes until it is settled (assumed lifecycle).
      outcome.order.status = "pending";
      outcome.order.effect = outcome.effect;
      outcome.result.orderStatus = "pending";
    } else record.instance = outcome.instance;
    if (outcome.trialKey) record.trialKey = outcome.trialKey;
    await this.#commit(record);
    return outcome;
  }

  /** The whole state of one account, for the control API and the UI. */
  accountState(account: Account) {
    const now = this.now(account.clientId);
    return {
      clientId: account.clientId,
      ucId: account.ucId,
      username: account.username,
      clock: { now: new Date(now).toISOString(), offsetSeconds: Math.round(account.clockOffsetMs / 1000) },
      billingContacts: account.billingContacts,
      subordinates: account.subordinates,
      instances: account.instances.map((i) => ({
        ...i,
        status: instanceStatus(i, now),
        expireDate: new Date(i.expireTime).toISOString(),
      })),
      paymentMode: account.paymentMode ?? "auto",
      orders: [...account.orders].reverse().map((o) => ({ ...o, status: o.status ?? "succeed", result: resultOf(o) })),
      trialsUsed: account.trialsUsed,
    };
  }
}

export function instanceStatus(i: Instance, now: number): "trial" | "active" | "expired" {
  if (i.expireTime <= now) return "expired";
  return i.trial ? "trial" : "active";
}

function orderInfo(o: Order, referenceField: ReferenceField = "customReferenceNo"): OrderInfo {
  return {
    id: o.orderId!,
    orderNo: o.orderNo,
    orderStatus: o.status ?? "succeed",
    createTime: o.createTime,
    currencyCode: "USD",
    // Assumed: the order's poNumber is what the list shows as customReferenceNo.
    customReferenceNo: referenceField === "none" ? "" : o.poNumber,
    invoiceNo: "",
    operationType: o.operationType,
    productId: o.productId,
    productNo: o.productNo,
    instanceId: o.instanceId,
    transactionNo: o.transactionNo,
  };
}

export { DomainError };
