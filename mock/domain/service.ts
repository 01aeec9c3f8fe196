// All state and data logic of the mock, in the manner of json-server's Service: routes call these methods.
// Every change is also described as a record, so a journal can make it durable and replay it.
import { randomBytes } from "node:crypto";
import { Clock, DAY_MS } from "./clock.ts";
import { DomainError, refuse } from "./errors.ts";
import { IdSequence } from "./ids.ts";
import { createOrder, orderLines, resultOf, type OrderOutcome, type OrderRequest } from "./orders.ts";
import { TokenSigner, accessClaims, refreshClaims, ACCESS_TTL_S, type Claims } from "./tokens.ts";
import type { Account, Instance, Order, OrderDetail, OrderInfo, Product } from "./types.ts";
import type { Seed } from "../seed/load.ts";

export type ChangeRecord =
  | { t: "account"; account: Account }
  | { t: "order"; clientId: string; order: Order; instance: Instance; trialKey?: string }
  | { t: "clock"; clientId: string; offsetMs: number }
  | { t: "reset" };

/** Where change records go; the promise settles when the change is durable. */
export type ChangeSink = (record: ChangeRecord) => Promise<void>;

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export interface ServiceOptions {
  seed: Seed;
  demo: Credentials;
  /** Signs tokens; a state file keeps it so tokens survive a restart. */
  jwtSecret: string;
}

const MAX_REFRESH_TOKENS = 1000;
const MAX_VERIFIED_TOKENS = 10_000;
const nowS = (ms: number) => Math.floor(ms / 1000);
const hex = (n: number) => randomBytes(n).toString("hex");

export class MockService {
  readonly catalog: ReadonlyMap<number, Product>;
  readonly #accounts = new Map<string, Account>();
  readonly #clocks = new Map<string, Clock>();
  /** Valid refresh-token IDs per account; using one removes it (rotation). */
  readonly #refresh = new Map<string, Set<string>>();
  readonly #signer: TokenSigner;
  readonly #verified = new Map<string, { account: Account; exp: number }>();
  #productList?: Array<{ name: string; productId: number }>;
  readonly ids = new IdSequence();
  #sink: ChangeSink = () => Promise.resolve();
  #uniq = 0;

  constructor(readonly options: ServiceOptions) {
    this.catalog = new Map(options.seed.products.map((p) => [p.productId, p]));
    this.#signer = new TokenSigner(options.jwtSecret);
  }

  /** Send change records here from now on (after replay). */
  setSink(sink: ChangeSink): void {
    this.#sink = sink;
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

  clock(clientId: string): Clock {
    let c = this.#clocks.get(clientId);
    if (!c) this.#clocks.set(clientId, (c = new Clock(this.#accounts.get(clientId)?.clockOffsetMs ?? 0)));
    return c;
  }

  /** A fresh account seeded like the demo one. The demo account keeps the seed's literal IDs. */
  #seedAccount(creds: Credentials, literalIds: boolean): Account {
    const s = this.options.seed.account;
    const now = Date.now();
    const uniq = () => String(3076913644890000000n + BigInt(Date.now() % 1e9) * 1000n + BigInt(++this.#uniq % 1000));
    const instances: Instance[] = s.instances.map((x) => {
      const fresh = this.ids.instance();
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
    this.apply({ t: "account", account });
    await this.#sink({ t: "account", account });
    return account;
  }

  async reset(): Promise<Account> {
    this.apply({ t: "reset" });
    await this.#sink({ t: "reset" });
    return this.seedDemo();
  }

  /** An isolated account with fresh credentials, for a test run of its own. */
  async createAccount(): Promise<Account> {
    const account = this.#seedAccount({ clientId: `sandbox-${hex(8)}`, clientSecret: hex(24) }, false);
    this.apply({ t: "account", account });
    await this.#sink({ t: "account", account });
    return account;
  }

  async advanceClock(clientId: string, seconds: number): Promise<number> {
    const account =
      this.#accounts.get(clientId) ?? refuse("resource_not_found", "clientId", "not_found", `no account ${clientId}`);
    const clock = this.clock(clientId);
    const now = clock.advance(seconds * 1000);
    account.clockOffsetMs = clock.offsetMs;
    await this.#sink({ t: "clock", clientId, offsetMs: clock.offsetMs });
    return now;
  }

  /** Applies a change record to memory: used live and when replaying a journal. */
  apply(record: ChangeRecord): void {
    switch (record.t) {
      case "reset":
        this.#accounts.clear();
        this.#clocks.clear();
        this.#refresh.clear();
        return;
      case "account":
        this.#accounts.set(record.account.clientId, record.account);
        this.#clocks.delete(record.account.clientId);
        this.ids.observe({ instance: Math.max(0, ...record.account.instances.map((i) => Number(i.instanceId))) });
        return;
      case "clock": {
        const a = this.#accounts.get(record.clientId);
        if (a) a.clockOffsetMs = record.offsetMs;
        this.clock(record.clientId).offsetMs = record.offsetMs;
        return;
      }
      case "order": {
        const a = this.#accounts.get(record.clientId);
        if (!a) return;
        if (!a.orders.includes(record.order)) a.orders.push(record.order);
        const i = a.instances.findIndex((x) => x.instanceId === record.instance.instanceId);
        if (i < 0) a.instances.push(record.instance);
        else a.instances[i] = record.instance;
        if (record.trialKey && !a.trialsUsed.includes(record.trialKey)) a.trialsUsed.push(record.trialKey);
        this.ids.observe({
          order: record.order.orderId ? Number(record.order.orderId) : undefined,
          instance: Number(record.instance.instanceId),
        });
      }
    }
  }

  // ---- tokens ---------------------------------------------------------------------------------------------

  #issue(account: Account) {
    const t = nowS(this.clock(account.clientId).now());
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
    if (!account || account.clientSecret !== clientSecret)
      refuse("invalid_client", "client_id", "invalid", "unknown client_id or wrong client_secret");
    return this.#issue(account!);
  }

  /** Rotation: the refresh token is spent, a new pair is issued. */
  issueForRefreshToken(token: string) {
    const claims = this.#signer.verify(token, "refresh_token", "invalid_grant");
    const account = this.#accounts.get(claims.client_id);
    if (claims.token_type !== "refresh" || !account)
      return refuse("invalid_grant", "refresh_token", "invalid", "is not a refresh token of a known client");
    if (claims.exp <= nowS(this.clock(account.clientId).now()))
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
    if (known.exp <= nowS(this.clock(known.account.clientId).now()))
      refuse(
        "token_expired",
        "Authorization",
        "expired",
        "the access token has expired; refresh it or request a new one",
      );
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

  listOrders(account: Account, pageNo: number, pageSize: number) {
    const paid = account.orders.filter((o) => o.orderId !== null);
    const total = paid.length;
    const from = total - pageNo * pageSize;
    const page = paid.slice(Math.max(0, from), Math.max(0, from + pageSize)).reverse();
    return {
      count: total,
      pageNo,
      pageSize,
      results: page.map(orderInfo),
      total,
      totalPage: Math.ceil(total / pageSize),
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
      orderInformation: orderInfo(order),
      orderSummary: { partnerId: order.partnerId, poNumber: order.poNumber, itemList: orderLines(order, product) },
    };
  }

  // ---- orders ---------------------------------------------------------------------------------------------

  /** Applies an order at once (atomically) and returns it with a promise that settles when it is durable. */
  createOrder(
    account: Account,
    body: OrderRequest,
    requestText: string,
  ): { outcome: OrderOutcome; durable: Promise<void> } {
    const outcome = createOrder(body, {
      account,
      catalog: this.catalog,
      ids: this.ids,
      now: this.clock(account.clientId).now(),
      requestText,
    });
    const record: ChangeRecord = {
      t: "order",
      clientId: account.clientId,
      order: outcome.order,
      instance: outcome.instance,
    };
    if (outcome.trialKey) record.trialKey = outcome.trialKey;
    return { outcome, durable: this.#sink(record) };
  }

  /** The whole state of one account, for the control API and the UI. */
  accountState(account: Account) {
    const now = this.clock(account.clientId).now();
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
      orders: [...account.orders].reverse().map((o) => ({ ...o, result: resultOf(o) })),
      trialsUsed: account.trialsUsed,
    };
  }
}

export function instanceStatus(i: Instance, now: number): "trial" | "active" | "expired" {
  if (i.expireTime <= now) return "expired";
  return i.trial ? "trial" : "active";
}

function orderInfo(o: Order): OrderInfo {
  return {
    id: o.orderId!,
    orderNo: o.orderNo,
    orderStatus: "succeed",
    createTime: o.createTime,
    currencyCode: "USD",
    customReferenceNo: "",
    invoiceNo: "",
    operationType: o.operationType,
    productId: o.productId,
    productNo: o.productNo,
    instanceId: o.instanceId,
    transactionNo: o.transactionNo,
  };
}

export { DomainError };
