// The contract suite against the in-process mock: part of `npm test`.
import { afterAll, expect } from "vitest";
import { contractSuite } from "./suite.ts";
import { inProcessTarget } from "./targets.ts";

let violations: string[] = [];
contractSuite("the in-process mock", async () => {
  const t = await inProcessTarget();
  violations = t.violations;
  return t;
});
afterAll(() => expect(violations, "strict-mode mismatches in the mock").toEqual([]));
