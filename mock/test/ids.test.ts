// The IDs the mock issues: number arithmetic where it is exact gives the same texts as BigInt arithmetic
// everywhere, across the carry out of the low digits and past the safe-integer range.
import { describe, expect, it } from "vitest";
import { IdSequence } from "../domain/ids.ts";

const FIRST_ORDER = 1782070n;
/** The vendor formats, computed in BigInt throughout (what the sequence must equal). */
function expected(order: bigint, instance: bigint, product: bigint) {
  const k = (order - FIRST_ORDER) * 7919n;
  return {
    order: {
      orderId: String(order),
      orderNo: `GQ${3401181709772259328n + k}`,
      transactionNo: `AP${3401181710707589121n + k}`,
    },
    instance: { instanceId: String(instance), productNo: String(3076913644890900000n + product) },
  };
}

function sequenceAt(order: bigint, instance: bigint, product: bigint): IdSequence {
  const ids = new IdSequence();
  ids.restore({ order: String(order), instance: String(instance), product: String(product) });
  return ids;
}

describe("IdSequence", () => {
  it("issues the vendor-format IDs of a fresh mock and moves past what a record used", () => {
    const ids = new IdSequence();
    expect(ids.peekOrder()).toEqual(expected(1782070n, 1948833n, 1n).order);
    expect(ids.peekInstance()).toEqual(expected(1782070n, 1948833n, 1n).instance);
    ids.observe({ ...ids.peekOrder(), ...ids.peekInstance() });
    expect(ids.peekOrder()).toEqual(expected(1782071n, 1948834n, 2n).order);
    expect(ids.toJSON()).toEqual({ order: "1782071", instance: "1948834", product: "2" });
  });

  // The low nine digits, kept as a number, carry every 126,000 orders or so (first after 28,755) and every 10^9
  // productNos (first after 109,100,000); 2^53 is where a double stops being exact.
  const carry = FIRST_ORDER + (10n ** 9n - 772259328n) / 7919n;
  const starts: Array<[string, bigint, bigint, bigint]> = [
    ["around the order number's first carry", carry - 3n, 1948833n, 1n],
    ["around a later carry", carry + (10n * 10n ** 9n) / 7919n - 3n, 1948833n, 1n],
    ["around the productNo's carry", FIRST_ORDER, 1948833n, 10n ** 9n - 890900000n - 3n],
    ["around 2^53", 2n ** 53n - 3n, 2n ** 53n - 3n, 2n ** 53n - 3n],
    ["at 19 digits", 9000000000000000000n, 9000000000000000000n, 10n ** 17n],
  ];
  it.each(starts)("equals BigInt arithmetic %s, issuing and observing", (_, order, instance, product) => {
    const ids = sequenceAt(order, instance, product);
    for (let i = 0n; i < 6n; i++) {
      const want = expected(order + i, instance + i, product + i);
      const got = { order: ids.peekOrder(), instance: ids.peekInstance() };
      expect(got).toEqual(want);
      expect(ids.peekInstance(2)).toEqual(expected(order, instance + i + 2n, product + i + 2n).instance);
      ids.observe({ ...got.order, ...got.instance });
    }
    expect(ids.toJSON()).toEqual({
      order: String(order + 6n),
      instance: String(instance + 6n),
      product: String(product + 6n),
    });
  });

  it("moves past larger IDs seen on replay, exactly, and ignores smaller and malformed ones", () => {
    const ids = new IdSequence();
    ids.observe({ orderId: "9007199254740993", instanceId: "12", productNo: "not-a-number" });
    expect(ids.toJSON()).toEqual({ order: "9007199254740994", instance: "1948833", product: "1" });
    ids.observe({ productNo: "3076913644890900041" });
    expect(ids.peekInstance().productNo).toBe("3076913644890900042");
  });

  it("moves past IDs just issued however often they are seen, also when the counters were reset in between", () => {
    const ids = sequenceAt(1782100n, 1948900n, 50n);
    const used = { ...ids.peekOrder(), ...ids.peekInstance() };
    ids.observe(used);
    ids.observe(used);
    expect(ids.toJSON()).toEqual({ order: "1782101", instance: "1948901", product: "51" });
    const again = { ...ids.peekOrder(), ...ids.peekInstance() };
    ids.reset();
    ids.observe(again);
    expect(ids.toJSON()).toEqual({ order: "1782102", instance: "1948902", product: "52" });
  });
});
