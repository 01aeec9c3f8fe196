// The mock's state and its one apply(). Each account is a plain, serialisable record; beside it an index keyed
// the way requests look things up, so a lookup costs O(1) and a page O(page size) however much is stored.
// apply() is the only code that changes either, live and on replay of the state file alike.
import { IdSequence } from "./ids.ts";
import { idKey, type IdKey } from "./id-key.ts";
import { makeInstance } from "./shapes.ts";
import type { ChangeRecord } from "./records.ts";
import type { Account, ContactInfo, Instance, Order, UserInfo } from "./types.ts";

/** What requests look up, kept in step with its account by apply(). Never written: replay rebuilds it. */
interface AccountIndex {
  /** instanceId (idKey) → position in account.instances. */
  instanceAt: Map<IdKey, number>;
  /** productId → instanceIds, oldest first by (createTime, instanceId): the product list pages from the end. */
  byProduct: Map<number, string[]>;
  /** productNo → its instanceId, or their list when instances share it (a trial and a paid one may). */
  byProductNo: Map<IdKey, string | string[]>;
  /** `partnerId|productId|planId` → the non-trial instanceIds an order may change, oldest first. */
  owned: Map<string, string[]>;
  /** Paid orders (those with an order ID), oldest first: the order list pages from the end. */
  paid: Order[];
  /** Paid orders by order ID and by order number (idKey). */
  orderByKey: Map<IdKey, Order>;
  /** Subordinate users by partnerId and by e-mail. */
  subordinates: Map<string, UserInfo>;
  contacts: Map<string, ContactInfo>;
  trials: Set<string>;
  /** The account's lookups, made once (they close over the account and this index). */
  lookup?: AccountLookup;
}

/** How many of an account's newest orders keep their request text. */
export const RECENT_REQUEST_TEXTS = 100;

const ownedKey = (partnerId: string, productId: number, planId: string) => `${partnerId}|${productId}|${planId}`;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  list.push(value);
  return list;
}

/** Read-only lookups in one account, for deciders and views. */
export interface AccountLookup {
  readonly account: Readonly<Account>;
  instance(instanceId: string): Instance | undefined;
  /** The first (oldest) non-trial instance of the plan for the user, of that productNo when given. */
  ownedInstance(partnerId: string, productId: number, planId: string, productNo?: string): Instance | undefined;
  /** Instances of a product, newest first: page k of size s costs O(s). */
  productPage(productId: number, pageNo: number, pageSize: number): { total: number; items: Instance[] };
  /** Instances sharing a productNo. */
  withProductNo(productNo: string): Instance[];
  /** Paid orders, newest first: page k of size s costs O(s). */
  orderPage(pageNo: number, pageSize: number): { total: number; items: Order[] };
  /** A paid order by order ID or order number. */
  paidOrder(idOrNo: string): Order | undefined;
  /** A subordinate user by partnerId or e-mail. */
  subordinate(partnerIdOrEmail: string): UserInfo | undefined;
  contact(billingContactId: string): ContactInfo | undefined;
  trialUsed(key: string): boolean;
}

/** Rows (from - 1) * size .. from * size counted from the newest end of an oldest-first list. */
function newestFirst<T>(list: readonly T[], pageNo: number, pageSize: number): T[] {
  const end = list.length - (pageNo - 1) * pageSize;
  if (end <= 0) return [];
  return list.slice(Math.max(0, end - pageSize), end).reverse();
}

/** How recent a use must be to leave an account where it is in the least-recently-used order. */
const TOUCH_GRAIN_MS = 1000;

export class State {
  readonly accounts = new Map<string, Account>();
  readonly ids = new IdSequence();
  readonly #index = new WeakMap<Account, AccountIndex>();
  /** When each account was last used, least recent first (memory only; apply() adds, touch() moves to the end). */
  readonly #used = new Map<string, number>();

  /** Applies a change record: the only code that changes state, used live and on replay. */
  apply(record: ChangeRecord): void {
    switch (record.t) {
      case "reset":
        this.accounts.clear();
        this.#used.clear();
        this.ids.reset();
        return;
      case "account":
        this.#add(record.account);
        return;
      case "remove":
        this.accounts.delete(record.clientId);
        this.#used.delete(record.clientId);
        return;
      case "clock": {
        const a = this.accounts.get(record.clientId);
        if (a) a.clockOffsetMs = record.offsetMs;
        return;
      }
      case "payment": {
        const a = this.accounts.get(record.clientId);
        if (a) a.paymentMode = record.mode;
        return;
      }
      case "order":
        this.#order(record);
        return;
      case "settle": {
        const a = this.accounts.get(record.clientId);
        const o = a && this.#index.get(a)!.orderByKey.get(idKey(record.orderNo));
        if (!a || !o) return;
        o.status = record.status;
        delete o.effect;
        if (record.instance) this.#putInstance(a, this.#index.get(a)!, record.instance);
        return;
      }
      case "snapshot":
        this.accounts.clear();
        this.#used.clear();
        this.ids.restore(record.ids);
        for (const a of record.accounts) this.#add(a);
        return;
    }
  }

  #add(account: Account): void {
    const index: AccountIndex = {
      instanceAt: new Map(),
      byProduct: new Map(),
      byProductNo: new Map(),
      owned: new Map(),
      paid: [],
      orderByKey: new Map(),
      subordinates: new Map(),
      contacts: new Map(account.billingContacts.map((c) => [c.billingContactId, c])),
      trials: new Set(account.trialsUsed),
    };
    // Last to first, so that the first user matching by partnerId or e-mail wins, as a scan of the list would.
    for (const s of [...account.subordinates].reverse()) {
      if (s.email) index.subordinates.set(s.email, s);
      index.subordinates.set(s.partnerId, s);
    }
    this.accounts.set(account.clientId, account);
    this.#index.set(account, index);
    this.#used.delete(account.clientId);
    this.#used.set(account.clientId, account.createTime);
    const instances = account.instances.splice(0);
    for (const i of instances) this.#putInstance(account, index, i);
    for (const o of account.orders) this.#indexOrder(index, o);
  }

  #order(record: Extract<ChangeRecord, { t: "order" }>): void {
    const a = this.accounts.get(record.clientId);
    if (!a) return;
    const index = this.#index.get(a)!;
    a.orders.push(record.order);
    this.#indexOrder(index, record.order);
    // Only the newest orders keep their request text (the account view shows no more); their lines stay.
    const old = a.orders[a.orders.length - 1 - RECENT_REQUEST_TEXTS];
    if (old?.lines) old.requestText = "";
    if (record.instance) this.#putInstance(a, index, record.instance);
    if (record.trialKey) {
      a.trialsUsed.push(record.trialKey);
      index.trials.add(record.trialKey);
    }
    this.ids.observe(record.order);
  }

  #indexOrder(index: AccountIndex, o: Order): void {
    if (o.orderId === null) return;
    index.paid.push(o);
    index.orderByKey.set(idKey(o.orderId, true), o);
    index.orderByKey.set(idKey(o.orderNo, true), o);
  }

  #putInstance(a: Account, index: AccountIndex, given: Instance): void {
    const instance = makeInstance(given);
    const key = idKey(instance.instanceId, true);
    const at = index.instanceAt.get(key);
    this.ids.observe(instance);
    if (at !== undefined) {
      a.instances[at] = instance;
      return;
    }
    index.instanceAt.set(key, a.instances.push(instance) - 1);
    const productKey = idKey(instance.productNo, true);
    const shared = index.byProductNo.get(productKey);
    if (shared === undefined) index.byProductNo.set(productKey, instance.instanceId);
    else if (typeof shared === "string") index.byProductNo.set(productKey, [shared, instance.instanceId]);
    else shared.push(instance.instanceId);
    if (!instance.trial)
      push(index.owned, ownedKey(instance.partnerId, instance.productId, instance.planId), instance.instanceId);
    // Kept sorted by (createTime, instanceId); a new instance is almost always the newest, so this rarely moves.
    const list = push(index.byProduct, instance.productId, instance.instanceId);
    for (let k = list.length - 1; k > 0 && newer(instanceById(a, index, list[k - 1]!)!, instance); k--) {
      list[k] = list[k - 1]!;
      list[k - 1] = instance.instanceId;
    }
  }

  /** Marks an account as used now (memory only: decides when an idle isolated account is removed). */
  touch(clientId: string, now = Date.now()): void {
    const at = this.#used.get(clientId);
    // Within a second the order is as good as it was (idle times are minutes): no move on every request.
    if (at === undefined || now - at < TOUCH_GRAIN_MS) return;
    this.#used.delete(clientId);
    this.#used.set(clientId, now);
  }

  /** Accounts unused since `before`, least recently used first; stops at the first one used later. */
  idleSince(before: number, keep: string): string[] {
    const out: string[] = [];
    for (const [clientId, at] of this.#used) {
      if (clientId === keep) continue;
      if (at > before) break;
      out.push(clientId);
    }
    return out;
  }

  lookup(account: Account): AccountLookup {
    const index = this.#index.get(account);
    if (!index) throw new Error(`account ${account.clientId} is not part of this state`);
    return (index.lookup ??= lookupIn(account, index));
  }
}

function instanceById(account: Account, index: AccountIndex, id: string): Instance | undefined {
  const at = index.instanceAt.get(idKey(id));
  return at === undefined ? undefined : account.instances[at];
}

function lookupIn(account: Account, index: AccountIndex): AccountLookup {
  const byId = (id: string) => instanceById(account, index, id);
  const all = (ids: readonly string[]) => ids.map((id) => byId(id)!);
  const withProductNo = (productNo: string) => {
    const ids = index.byProductNo.get(idKey(productNo)) ?? [];
    return all(typeof ids === "string" ? [ids] : ids);
  };
  return {
    account,
    instance: byId,
    ownedInstance(partnerId, productId, planId, productNo) {
      const ids = index.owned.get(ownedKey(partnerId, productId, planId)) ?? [];
      if (!productNo) return ids.length ? byId(ids[0]!) : undefined;
      return withProductNo(productNo).find(
        (x) => !x.trial && x.partnerId === partnerId && x.productId === productId && x.planId === planId,
      );
    },
    productPage(productId, pageNo, pageSize) {
      const ids = index.byProduct.get(productId) ?? [];
      return { total: ids.length, items: all(newestFirst(ids, pageNo, pageSize)) };
    },
    withProductNo,
    orderPage: (pageNo, pageSize) => ({ total: index.paid.length, items: newestFirst(index.paid, pageNo, pageSize) }),
    paidOrder: (idOrNo) => index.orderByKey.get(idKey(idOrNo)),
    subordinate: (key) => index.subordinates.get(key),
    contact: (id) => index.contacts.get(id),
    trialUsed: (key) => index.trials.has(key),
  };
}

/** Whether a sorts after b in the product list's order (createTime, then instanceId as a number). */
function newer(a: Instance, b: Instance): boolean {
  if (a.createTime !== b.createTime) return a.createTime > b.createTime;
  const x = a.instanceId;
  const y = b.instanceId;
  return x.length !== y.length ? x.length > y.length : x > y;
}
