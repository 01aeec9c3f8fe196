// Property, in both reference modes: random fault sequences on order/save never make a second order, and the
// call returns the one order or throws OrderOutcomeUnknown, exactly as the sequence allows. On the harness's
// virtual clock, so the runs take no wall time beyond the requests themselves.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Serving } from "../../mock/server.ts";
import { OrderOutcomeUnknown, type PlacedOrder } from "../placing.ts";
import { attempt, expected, FAULTS, KINDS, MODES, poNumberOf, startMock, type FaultName } from "./placing-harness.ts";

describe.each(MODES)("placing property (referenceField %s)", (mode) => {
  let mock: Serving;
  beforeAll(async () => {
    mock = await startMock(mode);
  });
  afterAll(() => mock.close());

  // 100 runs in each mode: the 200 of one mode before, at the same cost.
  const runs = Number(process.env.PLACING_RUNS ?? 100);
  it(`random fault sequences never make a second order (${runs} runs)`, async () => {
    const seed = Number(process.env.PLACING_SEED ?? 20261123);
    console.log(`placing property (${mode}) seed ${seed} (PLACING_SEED to change)`);
    const none = fc.constant<FaultName[]>([]);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...KINDS),
        fc.oneof(none, fc.array(fc.constantFrom(...FAULTS), { minLength: 1, maxLength: 3 })),
        async (kind, faults) => {
          const { outcome, made, session } = await attempt(mock, kind, faults);
          const where = `${kind} under [${faults.join(", ")}]: made ${JSON.stringify(made)}`;
          expect(made.length, where).toBeLessThanOrEqual(1);
          const want = expected(faults);
          expect(outcome instanceof OrderOutcomeUnknown, where).toBe(!want.returns);
          if (!want.returns) return;
          const placed = outcome as PlacedOrder;
          expect(made, where).toEqual([placed.orderId ? placed.orderNo : `trial:${placed.instanceId}`]);
          expect(placed.attempts, where).toBe(want.attempts);
          expect(poNumberOf(mock, session.clientId, made[0]!), where).toBe(placed.reference);
        },
      ),
      { seed, numRuns: runs },
    );
  }, 120_000);
});
