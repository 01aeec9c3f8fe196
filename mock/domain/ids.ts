// Sequences for the IDs the mock issues, in the vendor's formats; unique across all accounts of a server.
// A counter is a number while it is a safe integer and a bigint past that: a seed may carry 19-digit IDs, where a
// double would make neighbours collide, but BigInt arithmetic on every order cost more than a microsecond.
export type Count = number | bigint;
export interface Counters {
  order: Count;
  instance: Count;
  product: Count;
}

const FIRST = { order: 1782070, instance: 1948833, product: 1 } as const satisfies Counters;
const ORDER_STEP = 7919;
const DIGITS = /^\d{1,19}$/;

/** A bigint as a number when that is exact. */
const compact = (c: bigint): Count => (c <= BigInt(Number.MAX_SAFE_INTEGER) && c >= 0n ? Number(c) : c);

/** Nine digits: the low part stays a small integer, whose text V8 makes fastest. */
const LOW_DIGITS = 9;
const LOW_LIMIT = 10 ** LOW_DIGITS;

/**
 * base + k as decimal text behind a prefix. Number arithmetic on the base's low nine digits, with the digits
 * above them made by BigInt only when a carry changes them (every 126,000 orders or so): BigInt arithmetic on
 * every order cost about a microsecond. Joined, not concatenated: a concatenation is kept as a pair of strings,
 * heap objects each stored order would keep, where a joined text is one.
 */
class OffsetText {
  readonly #low: number;
  /** The digits above the low nine for the last carry used. */
  #high = { carry: -1, text: "" };
  constructor(
    readonly prefix: string,
    readonly base: bigint,
  ) {
    this.#low = Number(base % BigInt(LOW_LIMIT));
  }
  at(k: Count): string {
    if (typeof k !== "number" || k < 0 || !Number.isSafeInteger(this.#low + k))
      return [this.prefix, this.base + BigInt(k)].join("");
    const sum = this.#low + k;
    const carry = Math.floor(sum / LOW_LIMIT);
    const low = sum - carry * LOW_LIMIT;
    if (this.#high.carry !== carry) this.#high = { carry, text: String(this.base / BigInt(LOW_LIMIT) + BigInt(carry)) };
    const lowText = String(low);
    const padded = lowText.length === LOW_DIGITS ? lowText : lowText.padStart(LOW_DIGITS, "0");
    return [this.prefix, this.#high.text, padded].join("");
  }
}

const ORDER_NO = new OffsetText("GQ", 3401181709772259328n);
const TRANSACTION_NO = new OffsetText("AP", 3401181710707589121n);
const PRODUCT_NO = new OffsetText("", 3076913644890900000n);

export interface OrderIds {
  orderId: string;
  orderNo: string;
  transactionNo: string;
}
export interface InstanceIds {
  instanceId: string;
  productNo: string;
}

/** (c - from) * step, as a number when that is exact. */
function offset(c: Count, from: number, step: number): Count {
  if (typeof c === "number") {
    const k = (c - from) * step;
    if (Number.isSafeInteger(k)) return k;
  }
  return compact((BigInt(c) - BigInt(from)) * BigInt(step));
}

/** c + k for a small k, exact at any size. */
const plus = (c: Count, k: number): Count =>
  typeof c === "number" && Number.isSafeInteger(c + k) ? c + k : compact(BigInt(c) + BigInt(k));

/**
 * Deciding reads the next IDs (peek*), applying a record moves past them (observe): the only change to the
 * counters is the apply of a record that used them, live and on replay alike.
 */
export class IdSequence {
  readonly next: Counters;
  /** The last IDs peeked, as text, and the counter each was made from. */
  readonly #peeked: Partial<Record<keyof Counters, { text: string; at: Count }>> = {};
  constructor(start: Counters = FIRST) {
    this.next = { ...start };
  }
  peekOrder(): OrderIds {
    const n = this.next.order;
    const k = offset(n, FIRST.order, ORDER_STEP);
    const orderId = String(n);
    this.#peeked.order = { text: orderId, at: n };
    return { orderId, orderNo: ORDER_NO.at(k), transactionNo: TRANSACTION_NO.at(k) };
  }
  /** The IDs of the k-th next instance (0 = the next one). */
  peekInstance(k = 0): InstanceIds {
    const ids = {
      instanceId: String(plus(this.next.instance, k)),
      productNo: PRODUCT_NO.at(plus(this.next.product, k)),
    };
    if (k === 0) {
      this.#peeked.instance = { text: ids.instanceId, at: this.next.instance };
      this.#peeked.product = { text: ids.productNo, at: this.next.product };
    }
    return ids;
  }
  /** Moves every counter past the IDs a record used (decimal strings; anything else is ignored). */
  observe(used: { orderId?: string | null; instanceId?: string; productNo?: string }): void {
    this.#bump("order", used.orderId, 0n);
    this.#bump("instance", used.instanceId, 0n);
    this.#bump("product", used.productNo, PRODUCT_NO.base);
  }
  #bump(key: keyof Counters, value: string | null | undefined, base: bigint): void {
    // The IDs just peeked (a live order's, seen again for its instance): their value is known, not parsed back.
    const seen = this.#peeked[key];
    if (seen !== undefined && seen.text === value) {
      if (seen.at >= this.next[key]) this.next[key] = plus(seen.at, 1);
      return;
    }
    if (!value || !DIGITS.test(value)) return;
    const v = BigInt(value) - base;
    if (v >= this.next[key]) this.next[key] = compact(v + 1n);
  }
  /** Back to the counters of a freshly started mock. */
  reset(): void {
    Object.assign(this.next, FIRST);
  }
  /** The counters as exact strings, for a snapshot. */
  toJSON(): Record<keyof Counters, string> {
    return { order: String(this.next.order), instance: String(this.next.instance), product: String(this.next.product) };
  }
  restore(saved: Record<keyof Counters, string>): void {
    for (const key of Object.keys(this.next) as Array<keyof Counters>) this.next[key] = compact(BigInt(saved[key]));
  }
}
