// An order is placed once: for every fault the mock can inject (a lost answer, a dropped connection, a 5xx, a
// proxy's 502/503, an answer slower than the client's timeout), on the first, the second or both attempts, and
// for every order kind, at most one order exists afterwards, and the call returns it or throws OrderOutcomeUnknown.
// All of it in both reference modes: the vendor showing our poNumber as customReferenceNo (assumed), or not.
// The placer runs on a virtual clock (src/test/placing-harness.ts): no assertion depends on wall time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Serving } from "../../mock/server.ts";
import { parseJson } from "../../openapi/json.ts";
import { createPartnerPortalClient } from "../client.ts";
import { OrderOutcomeUnknown, type PlacedOrder } from "../placing.ts";
import {
  attempt,
  expected,
  FAULTS,
  KINDS,
  MODES,
  order,
  ordersOf,
  poNumberOf,
  session,
  startMock,
  type FaultName,
  type Outcome,
} from "./placing-harness.ts";

const keyOf = (o: PlacedOrder) => (o.orderId ? o.orderNo : `trial:${o.instanceId}`);

/** The outcome is what the fault sequence allows, and never a second order. */
function check(mock: Serving, faults: readonly FaultName[], r: Awaited<ReturnType<typeof attempt>>) {
  const { outcome, made } = r;
  const where = `[${faults.join(", ")}]: made ${JSON.stringify(made)}, got ${String(outcome)}`;
  expect(made.length, where).toBeLessThanOrEqual(1);
  const want = expected(faults);
  if (!want.returns) {
    expect(outcome, where).toBeInstanceOf(OrderOutcomeUnknown);
    const unknown = outcome as OrderOutcomeUnknown;
    expect(unknown.reference, where).toMatch(/^ppk-/);
    expect(unknown.attempts, where).toBe(2);
    expect(made, where).toEqual([]);
    return;
  }
  expect(outcome, where).not.toBeInstanceOf(OrderOutcomeUnknown);
  const placed = outcome as PlacedOrder;
  expect(made, where).toEqual([keyOf(placed)]);
  expect({ attempts: placed.attempts, reconciled: placed.reconciled }, where).toEqual({
    attempts: want.attempts,
    reconciled: want.reconciled,
  });
  // The reference sent as poNumber is on the order that was returned.
  expect(poNumberOf(mock, r.session.clientId, made[0]!), where).toBe(placed.reference);
}

describe.each(MODES)("placing an order once (referenceField %s)", (mode) => {
  let mock: Serving;
  beforeAll(async () => {
    mock = await startMock(mode);
  });
  afterAll(() => mock.close());

  for (const kind of KINDS)
    it(`${kind}: every fault kind on the first, the second or both attempts leaves at most one order`, async () => {
      const cases: FaultName[][] = FAULTS.flatMap((f) => [[f], ["drop", f], [f, f]] as FaultName[][]);
      const results = await Promise.all(cases.map((faults) => attempt(mock, kind, faults)));
      results.forEach((r, i) => check(mock, cases[i]!, r));
      // The order is found or made whenever one attempt could succeed; only two 5xx/drops in a row stay unknown.
      const unknown = cases.filter((_, i) => results[i]!.outcome instanceof OrderOutcomeUnknown);
      expect(unknown.every(([a, b]) => a !== "lose-response" && a !== "latency" && b !== undefined)).toBe(true);
      expect(unknown).toHaveLength(8);
      const lost = results[cases.findIndex((c) => c.length === 1 && c[0] === "lose-response")]!.outcome as PlacedOrder;
      expect(lost.reconciled).toBe(true);
    }, 60_000);

  it("a lost answer is found, not resent: reconciled on the first attempt, at the first look", async () => {
    const { outcome, session: s } = await attempt(mock, "purchase_service", ["lose-response"]);
    expect(outcome).toMatchObject({ reconciled: true, attempts: 1, orderStatus: "succeed" });
    expect(s.slept()).toBe(0);
  });

  it("without the client's help, a naive retry after a lost answer makes two orders", async () => {
    const { clientId, client } = await session(mock, ["lose-response"]);
    const body = {
      operationType: "purchase_service" as const,
      productId: 14,
      billingId: 3197218168379846218n,
      serviceList: [
        {
          connectionPlanId: 3048941892189077504n,
          serviceType: "service" as const,
          serviceId: 3049032137219817472n,
          quantity: 1,
          purchaseType: "purchase" as const,
          billingModel: "recurring" as const,
          billingCycle: "annually" as const,
          multiCycle: 0,
        },
      ],
    };
    await expect(client.createOrder(body)).rejects.toThrow();
    await client.createOrder(body); // "it failed, try again"
    expect(mock.service.account(clientId)!.orders).toHaveLength(2);
  });

  it("a clear refusal is not retried and nothing is looked up", async () => {
    const { clientId, client, clock } = await session(mock);
    await expect(
      order(client, "renew_plan", { ...clock, lookWindowMs: 10 }).then(() => order(client, "trial_plan", clock)),
    ).resolves.toBeDefined();
    const err = await order(client, "trial_plan", clock).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe("trial_already_used");
    expect(mock.service.account(clientId)!.orders.filter((o) => o.orderId === null)).toHaveLength(1);
  });

  it("the reference can be given; the order list shows it as customReferenceNo only where the vendor does", async () => {
    const { client } = await session(mock);
    const placed = await order(client, "purchase_plan", { reference: "PO-2026-0042" });
    const page = await client.listOrders();
    const listed = page.results.find((o) => o.orderNo === placed.orderNo);
    expect(listed?.customReferenceNo).toBe(mode === "none" ? "" : "PO-2026-0042");
    expect((await client.getOrder(placed.orderNo)).orderSummary.poNumber).toBe("PO-2026-0042");
  });

  it("settles within a test runner's patience by default: a look ends at once on conclusive evidence", async () => {
    // Virtual milliseconds waited; order/save and the looks' own requests answer at once on the mock.
    const waited = async (faults: FaultName[], lookWindowMs?: number) => {
      const { outcome, session: s } = await attempt(
        mock,
        "purchase_plan",
        faults,
        lookWindowMs ? { lookWindowMs } : {},
      );
      return { unknown: outcome instanceof OrderOutcomeUnknown, slept: s.slept() };
    };
    // The vendor answered 503 (its envelope): it is done, and the list shows nothing new: absent, resend, absent.
    expect(await waited(["error 503", "error 503"])).toEqual({ unknown: true, slept: 0 });
    // No answer at all: each of the two looks waits its window (1 s by default) for an order on its way.
    expect(await waited(["drop", "drop"])).toEqual({ unknown: true, slept: 2000 });
    expect(await waited(["latency"])).toMatchObject({ unknown: false });
    expect((await waited(["latency"])).slept).toBeLessThanOrEqual(1000);
    // A live API may take longer to list a new order: the caller sets a longer window.
    expect(await waited(["drop", "drop"], 10_000)).toEqual({ unknown: true, slept: 20_000 });
  });
});

describe.each(MODES)("orders placed at the same time (referenceField %s)", (mode) => {
  let mock: Serving;
  beforeAll(async () => {
    mock = await startMock(mode);
  });
  afterAll(() => mock.close());

  it("two placements through one client, both answers lost: each gets its own order, none is mistaken", async () => {
    for (const second of ["purchase_plan", "purchase_service"] as const) {
      const s = await session(mock, ["lose-response", "lose-response"]);
      const placed = await Promise.all([order(s.client, "purchase_plan", s.clock), order(s.client, second, s.clock)]);
      const made = ordersOf(mock, s.clientId).filter((o) => !o.startsWith("trial:"));
      expect(placed.map((p) => p.reconciled)).toEqual([true, true]);
      expect(new Set(placed.map(keyOf)).size, `${second}`).toBe(2);
      expect(made.filter((o) => placed.some((p) => keyOf(p) === o))).toHaveLength(2);
      for (const p of placed) expect(poNumberOf(mock, s.clientId, keyOf(p))).toBe(p.reference);
    }
  });

  /** Another party (same account, another client: not serialised with ours) orders just before our request. */
  async function outsider(faults: FaultName[], other: (ours: Record<string, unknown>) => Record<string, unknown>) {
    const s = await session(mock, faults);
    const them = createPartnerPortalClient({ baseUrl: mock.url, clientId: s.clientId, clientSecret: s.clientSecret });
    let theirs: string | undefined;
    s.beforeSave = async (text) => {
      if (theirs) return;
      const body = other(parseJson(text) as Record<string, unknown>);
      theirs = (await them.createOrder(body as never)).orderNo;
    };
    let outcome: Outcome;
    try {
      outcome = await order(s.client, "purchase_plan", s.clock);
    } catch (err) {
      if (!(err instanceof OrderOutcomeUnknown)) throw err;
      outcome = err;
    }
    const made = ordersOf(mock, s.clientId).filter((o) => !o.startsWith("trial:"));
    return { outcome, theirs: theirs!, made, s };
  }
  const without = ({ poNumber: _, ...body }: Record<string, unknown>) => body;

  it("ours failed (503) while another order appeared: not resent, unknown, with that order as the candidate", async () => {
    const { outcome, theirs, made } = await outsider(["error 503"], (b) => ({
      ...without(b),
      serviceList: (b.serviceList as object[]).map((i) => ({ ...i, quantity: 30 })),
    }));
    expect(outcome).toBeInstanceOf(OrderOutcomeUnknown);
    expect((outcome as OrderOutcomeUnknown).candidates.map((c) => c.orderNo)).toEqual([theirs]);
    expect(made.filter((o) => o !== theirs && !o.startsWith("trial:"))).toHaveLength(0);
  });

  it("ours lost while an identical order with another reference appeared: ours is returned, not theirs", async () => {
    const { outcome, theirs, s } = await outsider(["lose-response"], (b) => ({ ...b, poNumber: "THEIRS-1" }));
    const placed = outcome as PlacedOrder;
    expect(placed.reconciled).toBe(true);
    expect(placed.orderNo).not.toBe(theirs);
    expect(poNumberOf(mock, s.clientId, placed.orderNo)).toBe(placed.reference);
  });

  it("ours lost while an identical order without a reference appeared: ours where the list shows it, else unknown", async () => {
    const { outcome, theirs, s } = await outsider(["lose-response"], without);
    if (mode === "none") {
      expect(outcome).toBeInstanceOf(OrderOutcomeUnknown);
      expect((outcome as OrderOutcomeUnknown).candidates.map((c) => c.orderNo)).toContain(theirs);
      expect((outcome as OrderOutcomeUnknown).candidates).toHaveLength(2);
      expect(s.slept()).toBe(0); // ambiguity is conclusive: no waiting
    } else {
      expect((outcome as PlacedOrder).orderNo).not.toBe(theirs);
      expect(poNumberOf(mock, s.clientId, (outcome as PlacedOrder).orderNo)).toBe((outcome as PlacedOrder).reference);
    }
  });
});
