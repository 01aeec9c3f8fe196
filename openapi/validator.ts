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

/** `allErrors` false: stops at the first error (the quick pass every request takes; see firstFailure). */
export function createSpecAjv(spec: OpenApiDocument, allErrors = true): Ajv2020 {
  // strict off: the document carries OpenAPI keywords (example, x-assumed, x-int64) beside JSON Schema ones.
  // validateSchema off: checking our own schemas against the meta-schema compiled that meta-schema at every
  // start (a fifth of the launch); openapi/compile.test.ts checks them once, in the suite.
  const ajv = new Ajv2020({ strict: false, allErrors, verbose: true, validateSchema: false });
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

/** A value as an error quotes it: strings cut at 40 characters, arrays and objects by their size only. */
const show = (v: unknown) =>
  typeof v === "string"
    ? `"${v.length > 40 ? `${v.slice(0, 40)}...` : v}"`
    : Array.isArray(v)
      ? `${v.length} items`
      : v !== null && typeof v === "object"
        ? `${Object.keys(v).length} properties`
        : JSON.stringify(v);

/**
 * The one fault worth reporting from Ajv's errors, named by field, with a plain reason. `sent`: the text of
 * each parameter as received, so that a number is quoted as sent (9007199254740993, not the double's ...992).
 */
export function describeFault(
  errors: ErrorObject[] | null | undefined,
  base = "",
  sent?: Record<string, unknown>,
): Fault {
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
  const text = sent?.[field];
  const got = (v: unknown) => (typeof v === "number" && typeof text === "string" ? text : show(v));
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
      reason = `must be one of: ${(p.allowedValues as unknown[]).map(String).join(", ")} (got ${got(e.data)})`;
      break;
    case "const":
      reason = `must be ${show(p.allowedValue)} (got ${got(e.data)})`;
      break;
    case "type":
      reason = `must be ${p.type === "integer" ? "an integer" : `of type ${String(p.type)}`} (got ${e.data === null ? "null" : Array.isArray(e.data) ? "an array" : typeof e.data === "object" ? "an object" : got(e.data)})`;
      break;
    default:
      reason = `${e.message ?? "is invalid"}${e.keyword === "pattern" || e.keyword.startsWith("m") ? ` (got ${got(e.data)})` : ""}`;
  }
  return { field: field || "body", tag: TAG[e.keyword] ?? e.keyword, reason };
}

type Node = Record<string, unknown>;
/** Unknown fields beyond this many in one object are refused before full validation (each is one error). */
const MAX_UNKNOWN_FIELDS = 16;
const escapePointer = (k: string) => k.replace(/~/g, "~0").replace(/\//g, "~1");
/** Ajv counts code points; a string of more than 2 * limit UTF-16 units has more than `limit` of them. */
const longerThan = (s: string, limit: number) => {
  if (s.length <= limit) return false;
  if (s.length > 2 * limit) return true;
  let n = s.length;
  for (let i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xfc00) === 0xd800) n--;
  return n > limit;
};

function limitError(keyword: string, instancePath: string, params: Node, message: string, data: unknown) {
  return { keyword, instancePath, schemaPath: `#/${keyword}`, params, message, data } as ErrorObject;
}

/**
 * The first size limit a value breaks (maxItems, maxLength, maxProperties, or many unknown fields), found in
 * one pass that stops there. Run before full validation (allErrors), whose cost then follows the schema's
 * limits rather than the body: 21,000 items past a maxItems of 20 would otherwise be checked one by one.
 * Branches (anyOf, oneOf, if/then/else, not) are not entered: a limit there may not apply.
 */
export function limitFault(
  schema: unknown,
  data: unknown,
  resolve: (ref: string) => unknown,
  path = "",
  depth = 0,
): ErrorObject | undefined {
  const e = limitWalk(schema, data, resolve, depth);
  if (e && path) e.instancePath = path + e.instancePath;
  return e;
}

/** An error found below `segment` (a key or an index): its path gains the step on the way out. */
const under = (e: ErrorObject | undefined, segment: string | number) => {
  if (e) e.instancePath = `/${typeof segment === "number" ? segment : escapePointer(segment)}${e.instancePath}`;
  return e;
};

// Paths are built only on the way out of an error, never for the (common) body within its limits.
function limitWalk(
  schema: unknown,
  data: unknown,
  resolve: (ref: string) => unknown,
  depth: number,
): ErrorObject | undefined {
  if (typeof schema !== "object" || schema === null || depth > 64) return undefined;
  const s = schema as Node;
  if (typeof s.$ref === "string") {
    const e = limitWalk(resolve(s.$ref), data, resolve, depth + 1);
    if (e) return e;
  }
  if (Array.isArray(s.allOf))
    for (const sub of s.allOf) {
      const e = limitWalk(sub, data, resolve, depth + 1);
      if (e) return e;
    }
  const max = (k: string) => (typeof s[k] === "number" ? (s[k] as number) : Infinity);
  if (typeof data === "string") {
    const limit = max("maxLength");
    if (longerThan(data, limit))
      return limitError("maxLength", "", { limit }, `must NOT have more than ${limit} characters`, data);
  } else if (Array.isArray(data)) {
    const limit = max("maxItems");
    if (data.length > limit)
      return limitError("maxItems", "", { limit }, `must NOT have more than ${limit} items`, data);
    if (typeof s.items === "object")
      for (let i = 0; i < data.length; i++) {
        const e = under(limitWalk(s.items, data[i], resolve, depth + 1), i);
        if (e) return e;
      }
  } else if (data !== null && typeof data === "object") {
    const keys = Object.keys(data);
    const limit = max("maxProperties");
    if (keys.length > limit)
      return limitError("maxProperties", "", { limit }, `must NOT have more than ${limit} properties`, data);
    const props = (typeof s.properties === "object" && s.properties ? s.properties : {}) as Node;
    if (s.additionalProperties === false && s.patternProperties === undefined) {
      let unknown = 0;
      let first = "";
      for (const k of keys) if (!Object.hasOwn(props, k) && unknown++ === 0) first = k;
      if (unknown > MAX_UNKNOWN_FIELDS)
        return limitError(
          "additionalProperties",
          "",
          { additionalProperty: first },
          "must NOT have additional properties",
          data,
        );
    }
    for (const k of keys) {
      const sub = Object.hasOwn(props, k) ? props[k] : s.additionalProperties;
      const e = under(limitWalk(sub, (data as Node)[k], resolve, depth + 1), k);
      if (e) return e;
    }
  }
  return undefined;
}

/** Resolves "${SPEC_ID}#/components/..." refs against a document's (specRefs-rewritten) components. */
export function refResolver(components: unknown): (ref: string) => unknown {
  const root = { components };
  const known = new Map<string, unknown>();
  return (ref) => {
    if (known.has(ref)) return known.get(ref);
    const pointer = ref.startsWith(`${SPEC_ID}#/`) ? ref.slice(SPEC_ID.length + 2) : undefined;
    let node: unknown = pointer === undefined ? undefined : root;
    for (const part of pointer?.split("/") ?? [])
      node = (node as Node | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    known.set(ref, node);
    return node;
  };
}

/**
 * A validator that checks size limits first (see limitFault) and runs the full one only when they hold. Its
 * `errors` are the limit's, or the full validator's.
 */
/**
 * A validator compiled on its first call, then kept: compiling every operation's validators at start-up took about
 * half a second of the mock's launch, most of them for operations a run never calls.
 */
export function lazyValidator(compile: () => Validator): Validator {
  let compiled: Validator | undefined;
  const lazy = ((data: unknown) => {
    compiled ??= compile();
    const ok = compiled(data);
    lazy.errors = compiled.errors ?? null;
    return ok;
  }) as Validator;
  lazy.errors = null;
  return lazy;
}

/** A validate function in Ajv's shape (its errors beside it) around `run`, which gives the verdict and errors. */
function relay(run: (data: unknown) => [boolean, ErrorObject[] | null]): Validator {
  const v = ((data: unknown) => {
    const [ok, errors] = run(data);
    v.errors = errors;
    return ok;
  }) as Validator;
  v.errors = null;
  return v;
}

/**
 * A validator that takes the quick pass (stopping at the first error) and, only when that fails, the full one
 * for its errors: valid input, nearly all of it, is checked once and never walked for limits.
 */
export const firstFailure = (quick: Validator, full: Validator): Validator =>
  relay((data) => (quick(data) ? [true, null] : [full(data), full.errors ?? null]));

/** As firstFailure, with the limit walk (limitFault) before the full pass. */
export function boundedValidator(
  quick: Validator,
  full: Validator,
  schema: unknown,
  resolve: (ref: string) => unknown,
): Validator {
  const limited = relay((data) => {
    const limit = limitFault(schema, data, resolve);
    return limit ? [false, [limit]] : [full(data), full.errors ?? null];
  });
  return firstFailure(quick, limited);
}
