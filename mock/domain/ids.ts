// Sequences for the IDs the mock issues, in the vendor's formats; unique across all accounts of a server.
// Counters are bigints: a seed may carry 19-digit IDs, and a double would make neighbours collide.
export interface Counters {
  order: bigint;
  instance: bigint;
  product: bigint;
}

export const FIRST: Counters = { order: 1782070n, instance: 1948833n, product: 1n };

const ORDER_NO_BASE = 3401181709772259328n;
const TRANSACTION_NO_BASE = 3401181710707589121n;
const PRODUCT_NO_BASE = 3076913644890900000n;
const DIGITS = /^\d{1,19}$/;

export interface OrderIds {
  orderId: string;
  orderNo: string;
  transactionNo: string;
}
export interface InstanceIds {
  instanceId: string;
  productNo: string;
}

/**
 * Deciding reads the next IDs (peek*), applying a record moves past them (observe): the only change to the
 * counters is the apply of a record that used them, live and on replay alike.
 */
export class IdSequence {
  readonly next: Counters;
  /** The last IDs peeked, as text, and the counter each was made from. */
  readonly #peeked: Partial<Record<keyof Counters, { text: string; at: bigint }>> = {};
  constructor(start: Counters = FIRST) {
    this.next = { ...start };
  }
  peekOrder(): OrderIds {
    const n = this.next.order;
    const k = (n - FIRST.order) * 7919n;
    const orderId = String(n);
    this.#peeked.order = { text: orderId, at: n };
    // Joined, not concatenated: a "GQ" + digits concatenation is kept as a pair of strings, three heap objects an
    // order keeps, where a joined text is one.
    return {
      orderId,
      orderNo: ["GQ", ORDER_NO_BASE + k].join(""),
      transactionNo: ["AP", TRANSACTION_NO_BASE + k].join(""),
    };
  }
  /** The IDs of the k-th next instance (0 = the next one). */
  peekInstance(k = 0): InstanceIds {
    const d = BigInt(k);
    const ids = {
      instanceId: String(this.next.instance + d),
      productNo: String(PRODUCT_NO_BASE + this.next.product + d),
    };
    if (k === 0) {
      this.#peeked.instance = { text: ids.instanceId, at: this.next.instance };
      this.#peeked.product = { text: ids.productNo, at: this.next.product };
    }
    return ids;
  }
  /** Moves every counter past the IDs a record used (decimal strings; anything else is ignored). */
  observe(used: { orderId?: string | null; instanceId?: string; productNo?: string }): void {
    const bump = (key: keyof Counters, value: string | null | undefined, base = 0n) => {
      // A live order used the IDs just peeked: move past them without parsing them back.
      const seen = this.#peeked[key];
      if (seen && seen.text === value && seen.at === this.next[key]) {
        this.next[key] = seen.at + 1n;
        return;
      }
      if (!value || !DIGITS.test(value)) return;
      const v = BigInt(value) - base;
      if (v >= this.next[key]) this.next[key] = v + 1n;
    };
    bump("order", used.orderId);
    bump("instance", used.instanceId);
    bump("product", used.productNo, PRODUCT_NO_BASE);
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
    for (const key of Object.keys(this.next) as Array<keyof Counters>) this.next[key] = BigInt(saved[key]);
  }
}
