// JSON Schema validation compiled from the OpenAPI document: one Ajv instance holds the whole spec as "spec",
// so any schema can point into it with "${SPEC_ID}#/components/...". Compile once, validate many times.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { OpenApiDocument } from "./load.ts";

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

export const SPEC_ID = "https://yeastar-partner-portal-kit/spec";

/** Rewrites the document's local refs ("#/components/...") so they resolve against the registered spec. */
export function specRefs<T>(schema: T): T {
  return JSON.parse(
    JSON.stringify(schema, (_k, v) => (typeof v === "bigint" ? Number(v) : v)),
    (k, v) => (k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `${SPEC_ID}${v}` : v),
  ) as T;
}

export function createSpecAjv(spec: OpenApiDocument): Ajv2020 {
  // strict off: the document carries OpenAPI keywords (example, x-assumed, x-int64) beside JSON Schema ones.
  const ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true });
  addFormats(ajv);
  ajv.addSchema({ $id: SPEC_ID, components: specRefs(spec.components) });
  return ajv;
}

export type Validator = ValidateFunction;

export interface Fault {
  /** JSON path of the value at fault: `serviceList[0].quantity`, a parameter or header name, or `body`. */
  field: string;
  /** The kind of fault: required, type, enum, range, length, pattern, unknown_field, ... */
  tag: string;
  /** What is wrong, without the field name. */
  reason: string;
}

const TAG: Record<string, string> = {
  required: "required",
  type: "type",
  enum: "enum",
  const: "enum",
  minimum: "range",
  maximum: "range",
  exclusiveMinimum: "range",
  exclusiveMaximum: "range",
  minLength: "length",
  maxLength: "length",
  minItems: "length",
  maxItems: "length",
  pattern: "pattern",
  format: "format",
  additionalProperties: "unknown_field",
  multipleOf: "type",
};

function joinPath(base: string, instancePath: string): string {
  const parts = instancePath
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  let out = base;
  for (const p of parts) out = /^\d+$/.test(p) ? `${out}[${p}]` : out ? `${out}.${p}` : p;
  return out;
}

const show = (v: unknown) =>
  typeof v === "string" ? `"${v.length > 40 ? `${v.slice(0, 40)}...` : v}"` : JSON.stringify(v);

/** The one fault worth reporting from Ajv's errors, named by field, with a plain reason. */
export function describeFault(errors: ErrorObject[] | null | undefined, base = ""): Fault {
  const list = errors ?? [];
  // An Int64Id failing both branches: say what an ID must be, not "must be integer / must be string".
  const int64 = list.find(
    (e) => e.keyword === "anyOf" && (e.parentSchema as Record<string, unknown> | undefined)?.["x-int64"],
  );
  if (int64)
    return {
      field: joinPath(base, int64.instancePath) || "body",
      tag: "type",
      reason: "must be an integer ID of up to 19 digits, as a bare number or a decimal string",
    };
  // Plain errors before those of conditional branches (if/then/else), which depend on them.
  const concrete = list.filter((x) => !["anyOf", "oneOf", "allOf", "if", "not"].includes(x.keyword));
  const e = concrete.find((x) => !/\/(then|else)\//.test(x.schemaPath)) ?? concrete[0] ?? list[0];
  if (!e) return { field: base || "body", tag: "invalid", reason: "is invalid" };
  const p = e.params as Record<string, unknown>;
  let field = joinPath(base, e.instancePath);
  let reason: string;
  switch (e.keyword) {
    case "required":
      field = joinPath(field, `/${String(p.missingProperty)}`);
      reason = "is required";
      break;
    case "additionalProperties":
      field = joinPath(field, `/${String(p.additionalProperty)}`);
      reason = "is not a known field";
      break;
    case "enum":
      reason = `must be one of: ${(p.allowedValues as unknown[]).map(String).join(", ")} (got ${show(e.data)})`;
      break;
    case "const":
      reason = `must be ${show(p.allowedValue)} (got ${show(e.data)})`;
      break;
    case "type":
      reason = `must be ${p.type === "integer" ? "an integer" : `of type ${String(p.type)}`} (got ${e.data === null ? "null" : Array.isArray(e.data) ? "an array" : typeof e.data === "object" ? "an object" : show(e.data)})`;
      break;
    default:
      reason = `${e.message ?? "is invalid"}${e.keyword === "pattern" || e.keyword.startsWith("m") ? ` (got ${show(e.data)})` : ""}`;
  }
  return { field: field || "body", tag: TAG[e.keyword] ?? e.keyword, reason };
}
