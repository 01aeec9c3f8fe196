// Sequences for the IDs the mock issues, in the vendor's formats; unique across all accounts of a server.
export interface Counters {
  order: number;
  instance: number;
  product: number;
}

export const FIRST: Counters = { order: 1782070, instance: 1948833, product: 1 };

const ORDER_NO_BASE = 3401181709772259328n;
const TRANSACTION_NO_BASE = 3401181710707589121n;
const PRODUCT_NO_BASE = 3076913644890900000n;

export class IdSequence {
  readonly next: Counters;
  constructor(start: Counters = FIRST) {
    this.next = { ...start };
  }
  order(): { orderId: string; orderNo: string; transactionNo: string } {
    const n = this.next.order++;
    const k = BigInt(n - FIRST.order) * 7919n;
    return { orderId: String(n), orderNo: `GQ${ORDER_NO_BASE + k}`, transactionNo: `AP${TRANSACTION_NO_BASE + k}` };
  }
  instance(): { instanceId: string; productNo: string } {
    return {
      instanceId: String(this.next.instance++),
      productNo: String(PRODUCT_NO_BASE + BigInt(this.next.product++)),
    };
  }
  /** Moves every counter past what a replayed state already used. */
  observe(used: Partial<Counters>): void {
    for (const key of Object.keys(this.next) as Array<keyof Counters>) {
      const v = used[key];
      if (v !== undefined && v >= this.next[key]) this.next[key] = v + 1;
    }
  }
}
