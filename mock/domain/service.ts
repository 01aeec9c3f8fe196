// The domain's one entry point, in the manner of json-server's Service: routes call these methods. Each change
// is decided first (pure: a refusal, or change records), then made by State.apply(), the only code that changes
// state, live and on replay alike. Reads go to the views. Nothing here scans an account's orders or instances.
import { isolatedCredentials, seedAccount, type Credentials } from "./accounts.ts";
import { IdSequence } from "./ids.ts";
import { ServiceReads } from "./reads.ts";
import { DomainError, refuse } from "./errors.ts";
import type { OrderOutcome, OrderRequest } from "./orders/context.ts";
import { decidePlacement, decideSettlement } from "./orders/place.ts";
import { MEMORY_SINK, type ChangeRecord, type ChangeSink } from "./records.ts";
import { Sessions, type TokenPair } from "./sessions.ts";
import type { Account, Order } from "./types.ts";
import { accountView, type ReferenceField } from "./views.ts";
import type { Seed } from "../seed/load.ts";

export type { ChangeRecord, ChangeSink } from "./records.ts";
export type { Credentials } from "./accounts.ts";
export type { ReferenceField } from "./views.ts";
export { instanceStatus } from "./views.ts";
export { safeEqual } from "./sessions.ts";
export { DomainError };

export interface ServiceOptions {
  seed: Seed;
  demo: Credentials;
  /** Signs tokens; a state file keeps it so tokens survive a restart. */
  jwtSecret: string;
  /** Most isolated accounts at once (default 1,000). */
  maxAccounts?: number | undefined;
  /** An isolated account unused for this long is removed (default 24 hours). */
  accountTtlMs?: number | undefined;
  /** Where the order list shows an order's poNumber: customReferenceNo (default, assumed), or nowhere. */
  referenceField?: ReferenceField | undefined;
  /** Most orders one account holds (default 200,000); more get 429. */
  maxOrdersPerAccount?: number | undefined;
}

export const DEFAULT_MAX_ACCOUNTS = 1000;
export const DEFAULT_ACCOUNT_TTL_MS = 24 * 3600 * 1000;
export const DEFAULT_MAX_ORDERS_PER_ACCOUNT = 200_000;
/** How far an account's clock may be from real time: well inside Date's range, whatever is stored. */
export const MAX_CLOCK_OFFSET_MS = 100 * 365 * 24 * 3600 * 1000;

export class MockService extends ServiceReads {
  readonly #sessions: Sessions;
  #sink: ChangeSink = MEMORY_SINK;
  /** Set when a change could not be made durable: from then on every request is refused (fail-stop). */
  #fenced: string | undefined;

  constructor(readonly options: ServiceOptions) {
    super(options.seed.products, options.referenceField);
    this.#sessions = new Sessions(this.state, options.jwtSecret, (clientId) => this.now(clientId));
  }

  get ids() {
    return this.state.ids;
  }

  /** Send change records here from now on (after replay). */
  setSink(sink: ChangeSink): void {
    this.#sink = sink;
  }

  /**
   * Refuses every request once a change could not be made durable: what it changed in memory must not be seen
   * (an order reconciled by a read, then lost on restart). Restarting replays only what the file holds.
   */
  #available(): void {
    const failure = this.#fenced ?? this.#sink.failure;
    if (failure)
      refuse(
        "service_unavailable",
        "",
        "state_file_failed",
        `the state file could not be written (${failure}); the mock answers nothing until it is restarted`,
      );
  }

  /** Applies decided changes and hands them to the sink; settles when they are durable, else fences the mock. */
  #commit(...records: ChangeRecord[]): Promise<void> {
    this.#available();
    let durable: Promise<void> = Promise.resolve();
    for (const r of records) {
      this.apply(r);
      durable = this.#sink.append(r);
    }
    // Records are made durable in order, so the last one settling means all did.
    return durable.catch((err: Error) => {
      this.#fenced ??= err.message;
      return refuse(
        "service_unavailable",
        "",
        "state_file_failed",
        `the change could not be made durable (${err.message}); it is not acknowledged, and the mock answers nothing until it is restarted`,
      );
    });
  }

  /** Applies a change record to memory: the only way state changes, used live and on replay. */
  apply(record: ChangeRecord): void {
    if (record.t === "reset") this.#sessions.forget();
    if (record.t === "remove") this.#sessions.forget(record.clientId);
    this.state.apply(record);
  }

  // ---- accounts -------------------------------------------------------------------------------------------

  get demoClientId(): string {
    return this.options.demo.clientId;
  }

  accounts(): Account[] {
    this.#available();
    return [...this.state.accounts.values()];
  }

  account(clientId: string): Account | undefined {
    return this.state.accounts.get(clientId);
  }

  /** The account, or a 404 refusal naming clientId. */
  requireAccount(clientId: string): Account {
    this.#available();
    return (
      this.state.accounts.get(clientId) ??
      refuse("resource_not_found", "clientId", "not_found", `no account ${clientId}`)
    );
  }

  /** The demo account as the seed has it, its fresh IDs (if any) from `ids`. */
  #demoAccount(ids: IdSequence = this.state.ids): Account {
    return seedAccount(this.options.seed, ids, this.options.demo, true, Date.now());
  }

  /** Starts from the seed: only the demo account. */
  async seedDemo(): Promise<Account> {
    const account = this.#demoAccount();
    await this.#commit({ t: "account", account });
    return account;
  }

  /** Back to a freshly started mock: every account goes, ID counters start again, the demo account comes back. */
  async reset(): Promise<Account> {
    this.#available();
    // The demo account's fresh IDs come from the counters as they are after the reset: a new sequence.
    const account = this.#demoAccount(new IdSequence());
    await this.#commit({ t: "reset" }, { t: "account", account });
    return account;
  }

  /** An isolated account with fresh credentials, for a test run of its own; idle ones are removed first. */
  async createAccount(): Promise<Account> {
    await this.expireIdle();
    const max = this.options.maxAccounts ?? DEFAULT_MAX_ACCOUNTS;
    if (this.state.accounts.size - (this.state.accounts.has(this.demoClientId) ? 1 : 0) >= max)
      refuse(
        "too_many_requests",
        "",
        "limit",
        `this mock already holds ${max} isolated accounts (--max-accounts); POST /__mock/reset, or wait for idle ones to expire`,
      );
    const account = seedAccount(this.options.seed, this.state.ids, isolatedCredentials(), false, Date.now());
    await this.#commit({ t: "account", account });
    return account;
  }

  async advanceClock(clientId: string, seconds: number): Promise<number> {
    const account = this.requireAccount(clientId);
    if (!Number.isFinite(seconds) || seconds < 0)
      refuse("parameter_validation_failed", "seconds", "range", "the clock only moves forward");
    const offsetMs = account.clockOffsetMs + seconds * 1000;
    if (offsetMs > MAX_CLOCK_OFFSET_MS)
      refuse(
        "clock_out_of_range",
        "seconds",
        "range",
        `would move the clock of ${clientId} ${Math.round(offsetMs / 86_400_000)} days ahead; at most 100 years (36500 days) from real time`,
      );
    await this.#commit({ t: "clock", clientId, offsetMs });
    return this.now(clientId);
  }

  /** Removes isolated accounts unused for longer than the TTL; resolves to how many went. */
  async expireIdle(now = Date.now()): Promise<number> {
    const ttl = this.options.accountTtlMs ?? DEFAULT_ACCOUNT_TTL_MS;
    const idle = this.state.idleSince(now - ttl, this.demoClientId);
    if (idle.length) await this.#commit(...idle.map((clientId) => ({ t: "remove", clientId }) as const));
    return idle.length;
  }

  /** Payment mode of an account (control API): auto, or manual (paid orders wait for a settlement). */
  async setPaymentMode(clientId: string, mode: "auto" | "manual"): Promise<void> {
    this.requireAccount(clientId);
    await this.#commit({ t: "payment", clientId, mode });
  }

  /** Settles a pending order (control API): succeed makes its change now; failed and cancelled never do. */
  async settleOrder(clientId: string, orderNo: string, status: "succeed" | "failed" | "cancelled"): Promise<Order> {
    const account = this.requireAccount(clientId);
    const record = decideSettlement(this.state, account, orderNo, status, this.now(clientId));
    await this.#commit(record);
    return this.state.lookup(account).paidOrder(orderNo)!;
  }

  /** The whole state as one record: what compaction writes, and what a replay must rebuild exactly. */
  snapshot(): Extract<ChangeRecord, { t: "snapshot" }> {
    return { t: "snapshot", accounts: [...this.state.accounts.values()], ids: this.state.ids.toJSON() };
  }

  // ---- tokens ---------------------------------------------------------------------------------------------

  issueForCredentials(clientId: string, clientSecret: string): TokenPair {
    this.#available();
    return this.#sessions.issueForCredentials(clientId, clientSecret);
  }

  issueForRefreshToken(token: string): TokenPair {
    this.#available();
    return this.#sessions.issueForRefreshToken(token);
  }

  /**
   * The account of a valid access token (every secured request comes here first); `wellFormed` throws for a
   * malformed one, and runs only for a token not already verified.
   */
  authenticate(token: string, wellFormed?: (token: string) => void): Account {
    this.#available();
    return this.#sessions.authenticate(token, wellFormed);
  }

  /** The state of one account for the control API and the page: bounded, newest first. */
  accountState(account: Account) {
    this.#available();
    return accountView(this.state.lookup(account), this.now(account.clientId));
  }

  // ---- orders ---------------------------------------------------------------------------------------------

  /** Decides an order (see decidePlacement) and resolves once it is durable. */
  async placeOrder(authenticated: Account, body: OrderRequest, requestText: string): Promise<OrderOutcome> {
    const { record, outcome } = decidePlacement(
      {
        state: this.state,
        catalog: this.catalog,
        demoClientId: this.demoClientId,
        seedTrial: this.options.seed.account.trial,
        maxOrders: this.options.maxOrdersPerAccount ?? DEFAULT_MAX_ORDERS_PER_ACCOUNT,
        now: this.now(authenticated.clientId),
      },
      authenticated,
      body,
      requestText,
    );
    await this.#commit(record);
    return outcome;
  }
}
