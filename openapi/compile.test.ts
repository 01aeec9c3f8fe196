// Validators are compiled on first use (launch time): this compiles every one of both specs, so a schema Ajv
// cannot compile fails here, not on some operation's first request.
import { expect, it } from "vitest";
import { compiledControlSpec, compiledSpec } from "./compiled.ts";

it("every operation's query, path, header and body validators compile", () => {
  let n = 0;
  for (const { operations } of [compiledSpec(), compiledControlSpec()])
    for (const op of operations)
      for (const validate of [op.query, op.params, op.headers, ...op.bodies.values()]) {
        if (!validate) continue;
        expect(() => validate({}), `${op.operationId}`).not.toThrow();
        n++;
      }
  expect(n).toBeGreaterThan(20);
});
