// Self-checks of the contract (after stripe-mock): the vendor's examples are in the spec verbatim, and every
// example in the spec passes its own schema through the same lossless pipeline a real request takes.
import { describe, expect, it } from "vitest";
import { parseJson, stringifyJson } from "./json.ts";
import { loadSpec } from "./load.ts";
import { tutorialExamples } from "./tutorials.ts";
import { createSpecAjv, specRefs } from "./validator.ts";

const spec = loadSpec();
const save = (spec.paths["/order/openapi/order/v1/save"] as any).post;
const ajv = createSpecAjv(spec);

describe("the vendor tutorials' examples are in the spec verbatim", () => {
  for (const t of tutorialExamples()) {
    it(`${t.name}: request body (${t.file})`, () => {
      const inSpec = save.requestBody.content["application/json"].examples[t.name];
      // Both sides exact: bigint for every 19-digit ID, nothing rounded.
      expect(inSpec.value).toEqual(parseJson(t.requestText, "bigint"));
      expect(stringifyJson(inSpec.value)).toContain("3048941892189077504");
    });
    it(`${t.name}: response body (${t.file})`, () => {
      expect(save.responses["200"].content["application/json"].examples[t.name].value).toEqual(
        parseJson(t.responseText, "bigint"),
      );
    });
  }

  it("keeps the documented IDs as exact integers, not doubles", () => {
    const body = save.requestBody.content["application/json"].examples.expandCapacity.value;
    expect(body.billingId).toBe(3197218168379846218n);
    expect(body.serviceList[0].serviceId).toBe(3049032137219817472n);
  });
});

interface Example {
  where: string;
  schema: unknown;
  value: unknown;
}

function allExamples(): Example[] {
  const out: Example[] = [];
  const deref = (r: any) => (r?.$ref ? spec.components.responses![r.$ref.split("/").pop()] : r);
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, any>)) {
      for (const [type, media] of Object.entries<any>(op.requestBody?.content ?? {}))
        for (const [name, ex] of Object.entries<any>(media.examples ?? {}))
          out.push({ where: `${method} ${path} request ${type} ${name}`, schema: media.schema, value: ex.value });
      for (const [status, resp] of Object.entries<any>(op.responses ?? {}))
        for (const [name, ex] of Object.entries<any>(deref(resp)?.content?.["application/json"]?.examples ?? {}))
          out.push({
            where: `${method} ${path} ${status} ${name}`,
            schema: deref(resp).content["application/json"].schema,
            value: ex.value,
          });
    }
  }
  return out;
}

describe("every example validates against its schema", () => {
  const examples = allExamples();
  it("finds the examples", () => expect(examples.length).toBeGreaterThanOrEqual(15));
  for (const ex of examples) {
    it(ex.where, () => {
      const validate = ajv.compile(specRefs(ex.schema as object));
      // As the server sees it: written losslessly, read with unsafe integers as digit strings.
      const asReceived = parseJson(stringifyJson(ex.value), "string");
      expect(validate(asReceived), JSON.stringify(validate.errors)).toBe(true);
    });
  }
});

describe("error vocabulary", () => {
  it("every error code has a status, and the ErrorCode enum lists exactly those codes", () => {
    const statuses = spec.info["x-error-codes"] as Record<string, number>;
    const enumCodes = (spec.components.schemas as any).ErrorCode.enum as string[];
    expect([...enumCodes].sort()).toEqual(Object.keys(statuses).sort());
    for (const [code, status] of Object.entries(statuses)) {
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(spec.info.description as string, `${code} is in the table`).toContain(`\`${code}\``);
    }
  });
});
