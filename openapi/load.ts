// Loads the OpenAPI document with every integer exact: a 19-digit example ID stays a bigint.
import { readFileSync } from "node:fs";
import { fromRoot } from "./root.ts";
import { parse } from "yaml";

export const SPEC_PATH = fromRoot("openapi", "partner-portal.yaml");
/** The mock's own control API (/__mock), described and compiled like the vendor API. */
export const CONTROL_SPEC_PATH = fromRoot("openapi", "mock-control.yaml");

/** The parsed document; safe integers are numbers, larger ones bigints (only example IDs are). */
export type OpenApiDocument = Record<string, unknown> & {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
  info: Record<string, unknown>;
};

function narrowSafeIntegers(node: unknown): unknown {
  if (typeof node === "bigint")
    return node >= BigInt(Number.MIN_SAFE_INTEGER) && node <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(node) : node;
  if (Array.isArray(node)) return node.map(narrowSafeIntegers);
  if (node && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = narrowSafeIntegers(v);
    return out;
  }
  return node;
}

export function parseSpec(text: string): OpenApiDocument {
  return narrowSafeIntegers(parse(text, { intAsBigInt: true })) as OpenApiDocument;
}

let cached: OpenApiDocument | undefined;
/** The project's document, read once per process. */
export function loadSpec(): OpenApiDocument {
  cached ??= parseSpec(readFileSync(SPEC_PATH, "utf8"));
  return cached;
}

let control: OpenApiDocument | undefined;
export function loadControlSpec(): OpenApiDocument {
  control ??= parseSpec(readFileSync(CONTROL_SPEC_PATH, "utf8"));
  return control;
}
