// The contract suite against a mock that answers errors as HTTP 200 with the status in the envelope (the form the
// vendor documents; --error-http-status 200), told to expect that form. And told so, a mirroring target drifts.
import { afterAll, describe, expect, it } from "vitest";
import { checkAnswer } from "./check.ts";
import { contractSuite } from "./suite.ts";
import { inProcessTarget } from "./targets.ts";

let violations: string[] = [];
contractSuite("the in-process mock, errors as HTTP 200", async () => {
  const t = await inProcessTarget(200);
  violations = t.violations;
  return t;
});
afterAll(() => expect(violations, "strict-mode mismatches in the mock").toEqual([]));

describe("expecting errors as HTTP 200", () => {
  const refusal = `{"code":"trial_already_used","detailMessage":"productId: used","requestId":"${"a".repeat(32)}","result":{"field":"productId","tag":"trial_used"},"status":409}`;
  it("checks the answer against the envelope status's schema", () => {
    const r = checkAnswer("createOrder", 200, "application/json", refusal, 200);
    expect(r).toMatchObject({ mismatches: [], status: 409 });
  });
  it("reports an error that comes with its own HTTP status instead", () => {
    const r = checkAnswer("createOrder", 409, "application/json", refusal, 200);
    expect(r.mismatches).toEqual([{ path: "status", expected: "HTTP 200 (errors in the envelope)", actual: "409" }]);
  });
});
