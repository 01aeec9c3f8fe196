// Parses the OpenAPI YAML with every integer exact: a 19-digit example ID stays a bigint. The bundle never
// calls it (scripts/build.ts inlines both parsed documents), so yaml is not in it.
import { parse } from "yaml";

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
