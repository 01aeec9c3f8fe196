// Provenance marks of the spec: every schema, schema property and parameter says where it comes from, the vendor
// page (`x-documented`, by the slugs of `info.x-sources`) or why it is assumed (`x-assumed`, one sentence).
// The self-check test and docs/fidelity.md both read the spec through this walk, so neither retypes the list.
import type { OpenApiDocument } from "./load.ts";

type Node = Record<string, unknown>;

export interface MarkedItem {
  /** The schema or operation the item belongs to, e.g. `schema OrderSaveRequest`, `operation createOrder`. */
  group: string;
  /** The item in its group: `(schema)`, a property path (`serviceList[].quantity`), `parameter productNo`. */
  item: string;
  documented: string[];
  assumed?: string;
}

export interface Provenance {
  items: MarkedItem[];
  /** One line per mark that is missing or malformed; empty when the spec is fully marked. */
  problems: string[];
}

const isNode = (v: unknown): v is Node => !!v && typeof v === "object" && !Array.isArray(v);

function markOf(node: Node, group: string, item: string, sources: Set<string>, problems: string[]): MarkedItem {
  const where = `${group}: ${item}`;
  const doc = node["x-documented"];
  const assumed = node["x-assumed"];
  const documented = doc === undefined ? [] : Array.isArray(doc) ? doc : [doc];
  if (doc === undefined && assumed === undefined) problems.push(`${where}: neither x-documented nor x-assumed`);
  for (const slug of documented)
    if (typeof slug !== "string" || !sources.has(slug))
      problems.push(`${where}: x-documented ${String(slug)} is not in info.x-sources`);
  if (doc !== undefined && documented.length === 0) problems.push(`${where}: x-documented is empty`);
  if (assumed !== undefined && (typeof assumed !== "string" || assumed.trim().length < 10))
    problems.push(`${where}: x-assumed must give the reason as a sentence`);
  return { group, item, documented: documented as string[], ...(typeof assumed === "string" ? { assumed } : {}) };
}

/** The properties of a schema, through allOf/anyOf/oneOf members, array items and map values; $refs are not followed. */
function walkSchema(node: Node, prefix: string, visit: (node: Node, item: string) => void): void {
  for (const key of ["allOf", "anyOf", "oneOf"])
    for (const member of (node[key] as unknown[] | undefined) ?? [])
      if (isNode(member)) walkSchema(member, prefix, visit);
  if (isNode(node.items)) walkSchema(node.items, `${prefix}[]`, visit);
  if (isNode(node.additionalProperties)) walkSchema(node.additionalProperties, `${prefix}{}`, visit);
  for (const [name, prop] of Object.entries((node.properties as Node | undefined) ?? {})) {
    if (!isNode(prop)) continue;
    const item = prefix ? `${prefix}.${name}` : name;
    visit(prop, item);
    walkSchema(prop, item, visit);
  }
}

function deref(spec: OpenApiDocument, node: unknown): Node {
  const ref = isNode(node) ? node.$ref : undefined;
  if (typeof ref !== "string") return node as Node;
  const [, section, name] = ref.replace("#/components/", "#/").split("/");
  return spec.components[section!]![name!] as Node;
}

const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

/** Every mark of the document, and what is missing or malformed. */
export function provenance(spec: OpenApiDocument): Provenance {
  const sources = new Set(Object.keys((spec.info["x-sources"] as Node | undefined) ?? {}));
  const problems: string[] = [];
  const items: MarkedItem[] = [];
  const shared = new Set<string>();
  const mark = (node: Node, group: string, item: string) => items.push(markOf(node, group, item, sources, problems));
  for (const [path, pathItem] of Object.entries(spec.paths)) {
    for (const [method, raw] of Object.entries(pathItem)) {
      if (!METHODS.has(method) || !isNode(raw)) continue;
      const group = `operation ${String(raw.operationId)} (${method.toUpperCase()} ${path})`;
      // The operation itself needs no mark (its parameters and schemas carry them), but one it has is listed.
      if (raw["x-assumed"] !== undefined || raw["x-documented"] !== undefined) mark(raw, group, "(operation)");
      for (const p of (raw.parameters as unknown[] | undefined) ?? []) {
        const param = deref(spec, p);
        // A shared parameter is marked once, in components.parameters, and listed once.
        const ref = (p as Node).$ref;
        if (typeof ref === "string" && shared.has(ref)) continue;
        if (typeof ref === "string") shared.add(ref);
        const where = typeof ref === "string" ? `parameter ${ref.split("/").pop()}` : group;
        mark(param, where, `parameter ${String(param.name)}`);
      }
    }
  }
  for (const [name, schema] of Object.entries(spec.components.schemas ?? {})) {
    if (!isNode(schema)) continue;
    const group = `schema ${name}`;
    mark(schema, group, "(schema)");
    walkSchema(schema, "", (node, item) => mark(node, group, item));
  }
  for (const [name, response] of Object.entries(spec.components.responses ?? {}))
    if (isNode(response) && (response["x-assumed"] !== undefined || response["x-documented"] !== undefined))
      mark(response, `response ${name}`, "(response)");
  return { items, problems };
}

/** Every `const` of the document without a `type` beside it (code generators type such a value as `never`). */
export function untypedConsts(node: unknown, path = "#"): string[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => untypedConsts(v, `${path}/${i}`));
  if (!isNode(node)) return [];
  const here = "const" in node && !("type" in node) ? [path] : [];
  return [...here, ...Object.entries(node).flatMap(([k, v]) => untypedConsts(v, `${path}/${k}`))];
}
