// Validators are compiled on first use (launch time): this compiles every one of both specs, so a schema Ajv
// cannot compile fails here, not on some operation's first request.
import { readFileSync } from "node:fs";
import { Ajv2020, type AnySchema } from "ajv/dist/2020.js";
import { expect, it } from "vitest";
import { SCHEMA_PATH } from "../mock/seed/load.ts";
import { compiledControlSpec, compiledSpec } from "./compiled.ts";
import { loadControlSpec, loadSpec } from "./load.ts";
import { specRefs } from "./validator.ts";

it("every operation's query, path, header and body validators compile, quick and full passes", () => {
  let n = 0;
  for (const { operations } of [compiledSpec(), compiledControlSpec()])
    for (const op of operations)
      for (const validate of [op.query, op.params, op.headers, ...op.bodies.values()]) {
        if (!validate) continue;
        // {} takes the quick pass; null fails it (every one is an object schema), so the full pass compiles too.
        expect(() => validate({}), `${op.operationId}`).not.toThrow();
        expect(validate(null), `${op.operationId}`).toBe(false);
        n++;
      }
  expect(n).toBeGreaterThan(20);
});

// At run time the mock does not check its schemas against the meta-schema (that compile cost a fifth of the
// launch); this does, for both specs and the seed's schema.
it("every schema of both specs and the seed's is valid JSON Schema 2020-12", () => {
  const ajv = new Ajv2020({ strict: false });
  const seedSchema = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as AnySchema;
  for (const [name, schema] of [
    ["partner-portal", { components: specRefs(loadSpec().components) }],
    ["mock-control", { components: specRefs(loadControlSpec().components) }],
    ["seed", seedSchema],
  ] as const) {
    const valid = ajv.validateSchema(schema as AnySchema);
    expect(valid ? [] : ajv.errors, name).toEqual([]);
  }
  // The check bites: a schema with a wrong-typed keyword is refused.
  expect(ajv.validateSchema({ type: "object", properties: { a: { minLength: "x" } } })).toBe(false);
});
