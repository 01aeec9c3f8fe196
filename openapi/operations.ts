// The operation table, compiled once from the spec at start-up: per operation, validators for its query,
// path and body, the media types it takes, and (for strict mode) a validator per response status.
import type { Ajv2020 } from "ajv/dist/2020.js";
import type { OpenApiDocument } from "./load.ts";
import {
  boundedValidator,
  createSpecAjv,
  firstFailure,
  lazyValidator,
  refResolver,
  specRefs,
  type Validator,
} from "./validator.ts";

interface Parameter {
  name: string;
  in: "query" | "path" | "header";
  required?: boolean;
  schema: Record<string, unknown>;
}

export interface Operation {
  operationId: string;
  method: string;
  /** The spec's path template, e.g. /order/openapi/order/v1/get/{id}. */
  path: string;
  /** Matches a request path; its groups are the path parameters, in the order of `pathParams`. */
  pattern: RegExp;
  pathParams: string[];
  secured: boolean;
  /** Validates query values after `coerceParams` (integers are numbers, anything else stays text). */
  query?: Validator;
  params?: Validator;
  /** Header parameters, by their spec names (User-Agent), validated on an object of the values sent. */
  headers?: Validator;
  headerNames: string[];
  /** Names of integer-typed query and path parameters. */
  integers: Set<string>;
  /** Media type -> body validator; empty when the operation takes no body. */
  bodies: Map<string, Validator>;
  /** The response validator of a status, compiled on first use (only strict mode asks). */
  response(status: number): Validator | undefined;
}

/** Resolves a `$ref` to a component of the document (parameters, responses). */
function deref<T>(spec: OpenApiDocument, node: unknown): T {
  const ref = (node as { $ref?: string }).$ref;
  if (!ref) return node as T;
  const [, section, name] = ref.replace("#/components/", "#/").split("/");
  return (spec.components[section!] as Record<string, unknown>)[name!] as T;
}

function objectSchema(params: Parameter[]) {
  return {
    type: "object",
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
}

const CANONICAL_INTEGER = /^-?(0|[1-9][0-9]{0,15})$/;

/**
 * Turns the text of integer parameters into numbers, strictly: only canonical integers (no spaces, signs other
 * than "-", exponents or leading zeros), as a typed backend's parser would. Anything else stays text, so the
 * validator refuses it naming the parameter.
 */
export function coerceParams(values: Record<string, unknown>, integers: Set<string>): Record<string, unknown> {
  for (const name of integers) {
    const v = values[name];
    if (typeof v === "string" && CANONICAL_INTEGER.test(v)) values[name] = Number(v);
  }
  return values;
}

/** Compiles every operation of the document. */
export function compileOperations(spec: OpenApiDocument, ajv: Ajv2020): Operation[] {
  const ops: Operation[] = [];
  const rootSecured = Array.isArray(spec.security) && spec.security.length > 0;
  const resolve = refResolver(specRefs(spec.components));
  // The quick pass's own Ajv, made when the first validator is first used (not at start).
  let quickAjv: Ajv2020 | undefined;
  const twoPass = (schema: object): [Validator, Validator] => [
    lazyValidator(() => (quickAjv ??= createSpecAjv(spec, false)).compile(schema)),
    lazyValidator(() => ajv.compile(schema)),
  ];
  const paramsValidator = (list: Parameter[]) =>
    list.length ? firstFailure(...twoPass(specRefs(objectSchema(list)))) : undefined;
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      const op = raw as Record<string, unknown>;
      const params = ((op.parameters as unknown[]) ?? []).map((p) => deref<Parameter>(spec, p));
      const query = params.filter((p) => p.in === "query");
      const pathParams = params.filter((p) => p.in === "path");
      const headerParams = params.filter((p) => p.in === "header");
      const bodies = new Map<string, Validator>();
      const requestBody = op.requestBody
        ? deref<{ content?: Record<string, { schema: unknown }> }>(spec, op.requestBody)
        : undefined;
      const content = requestBody?.content ?? {};
      for (const [type, media] of Object.entries(content)) {
        const schema = specRefs(media.schema as object);
        bodies.set(type, boundedValidator(...twoPass(schema), schema, resolve));
      }
      const responses = new Map<number, Validator | undefined>();
      const response = (status: number) => {
        if (!responses.has(status)) {
          const all = op.responses as Record<string, unknown>;
          const resp =
            all[String(status)] ?? all[`${Math.floor(status / 100)}XX`] ?? (status >= 400 ? all.default : undefined);
          const schema =
            resp &&
            deref<{ content?: Record<string, { schema: unknown }> }>(spec, resp).content?.["application/json"]?.schema;
          responses.set(status, schema ? ajv.compile(specRefs(schema as object)) : undefined);
        }
        return responses.get(status);
      };
      const security = op.security as unknown[] | undefined;
      ops.push({
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        path,
        pattern: new RegExp(`^${path.replace(/\{\w+\}/g, "([^/]+)")}$`),
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        secured: security ? security.length > 0 : rootSecured,
        query: paramsValidator(query),
        params: paramsValidator(pathParams),
        headers: paramsValidator(headerParams),
        headerNames: headerParams.map((p) => p.name),
        integers: new Set(params.filter((p) => p.schema.type === "integer").map((p) => p.name)),
        bodies,
        response,
      });
    }
  }
  return ops;
}

/** The HTTP status of each error code, as the spec's `x-error-codes` assigns them. */
export function errorStatuses(spec: OpenApiDocument): Map<string, number> {
  return new Map(Object.entries(spec.info["x-error-codes"] as Record<string, number>));
}
