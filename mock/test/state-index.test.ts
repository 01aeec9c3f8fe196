// The state's index keys: IDs become small integers where that is exact (short decimals; long IDs by their
// prefix and last six digits), others stay text, and no two IDs that differ as text ever find each other's order
// or instance (a leading zero, more than nine digits, letters).
import { describe, expect, it } from "vitest";
import { createService } from "../create.ts";
import { idKey } from "../domain/id-key.ts";
import { State } from "../domain/state.ts";
import type { Account, Instance, Order } from "../domain/types.ts";
import { json, purchasePlanBody } from "./bodies.ts";

describe("idKey", () => {
  it("keeps a short canonical decimal as its number, a long ID ending in six digits as a negative one", () => {
    expect(idKey("1782070")).toBe(1782070);
    expect(idKey("0")).toBe(0);
    expect(idKey("999999999")).toBe(999999999);
    for (const long of ["1234567890", "3401181709772259328", "GQ3401181709772259328", "3076913644890900001"]) {
      expect(idKey(`9${long}`)).toBe(`9${long}`); // a lookup of an ID whose prefix was never stored
      const key = idKey(long, true);
      expect(typeof key === "number" && Number.isInteger(key) && key < 0 && key >= -(2 ** 30)).toBe(true);
      expect(idKey(long)).toBe(key); // the same key every time
    }
    for (const text of ["0123", "00", "12a", "-1", "1.5", " 1", "", "3401181709772259a28", "GQ34011817097722593x8"])
      expect(idKey(text)).toBe(text);
  });

  it("gives distinct IDs distinct keys when stored, the same when looked up, past the prefixes it numbers", () => {
    const ids = new Set<string>();
    for (let p = 0; p < 1200; p++)
      for (const tail of ["000000", "000001", "999999", "123456"]) {
        ids.add(`${3076913644890 + p}${tail}`);
        ids.add(`GQ${p}${tail}`).add(`AP${p}${tail}`);
      }
    for (let i = 0; i < 2000; i++) ids.add(String(i * 7919)).add(`0${i}`);
    const keys = new Map<string | number, string>();
    for (const id of ids) {
      const key = idKey(id, true);
      expect(keys.get(key) ?? id, `${id} and ${keys.get(key)} share the key ${key}`).toBe(id);
      keys.set(key, id);
      expect(idKey(id)).toBe(key);
    }
    expect([...keys.keys()].filter((k) => typeof k === "string").length).toBeGreaterThan(0); // some stayed text
  });
});

describe("the index finds an ID only as it is spelled", () => {
  it("tells 123 from 0123, 1234567890 from its number, and an order number from an order ID", async () => {
    const service = createService();
    await service.seedDemo();
    const snapshot = service.snapshot();
    const demo = snapshot.accounts[0]!;
    const instance = (id: string, productNo: string): Instance => ({
      ...demo.instances[0]!,
      instanceId: id,
      productNo,
    });
    const order = (orderId: string, orderNo: string, instanceId: string): Order => ({
      ...demo.orders.find((o) => o.orderId !== null)!,
      orderId,
      orderNo,
      instanceId,
    });
    const account: Account = {
      ...demo,
      instances: [instance("123", "p1"), instance("0123", "p2"), instance("1234567890", "p3")],
      orders: [order("123", "0123", "123"), order("0124", "GQ7", "0123"), order("1234567890", "124", "1234567890")],
    };
    const state = new State();
    state.apply({ t: "snapshot", accounts: [account], ids: snapshot.ids });
    const lookup = state.lookup(state.accounts.get(account.clientId)!);

    expect(lookup.instance("123")?.productNo).toBe("p1");
    expect(lookup.instance("0123")?.productNo).toBe("p2");
    expect(lookup.instance("1234567890")?.productNo).toBe("p3");
    expect(lookup.instance("00123")).toBeUndefined();

    expect(lookup.paidOrder("123")?.orderNo).toBe("0123"); // by order ID
    expect(lookup.paidOrder("0123")?.orderId).toBe("123"); // by order number
    expect(lookup.paidOrder("0124")?.orderNo).toBe("GQ7");
    expect(lookup.paidOrder("124")?.orderId).toBe("1234567890");
    expect(lookup.paidOrder("1234567890")?.orderNo).toBe("124");
    expect(lookup.paidOrder("GQ7")?.orderId).toBe("0124");
    expect(lookup.paidOrder("00123")).toBeUndefined();
  });

  it("hands out one lookup per account, which sees orders placed after it was made", async () => {
    const service = createService();
    const account = await service.seedDemo();
    const before = service.state.lookup(account);
    const total = before.orderPage(1, 1).total;
    const body = purchasePlanBody();
    const placed = await service.placeOrder(account, body as never, json(body));
    expect(service.state.lookup(account)).toBe(before);
    expect(before.orderPage(1, 1).total).toBe(total + 1);
    expect(before.paidOrder(placed.order.orderId!)?.orderNo).toBe(placed.order.orderNo);
    expect(before.instance(placed.instance.instanceId)?.productNo).toBe(placed.instance.productNo);
  });
});
