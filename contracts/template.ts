// Step templates and capture selectors.
import { idToString } from "../openapi/json.ts";

export type Vars = Record<string, unknown>;

export class CaseError extends Error {
  override readonly name = "CaseError";
}

function lookup(vars: Vars, name: string): unknown {
  if (!(name in vars)) throw new CaseError(`no value for \${${name}}: an earlier step did not capture it`);
  return vars[name];
}

/** "${x}" substitution in text. */
export function text(template: string, vars: Vars): string {
  return template.replace(/\$\{(\w+)\}/g, (_m, name: string) => {
    const v = lookup(vars, name);
    return typeof v === "bigint" ? v.toString() : String(v);
  });
}

/** A body template with every placeholder filled: $id(v) becomes a bigint (a bare 19-digit JSON integer). */
export function fill(node: unknown, vars: Vars): unknown {
  if (typeof node === "string") {
    const id = /^\$id\((\w+)\)$/.exec(node);
    if (id) return BigInt(idToString(lookup(vars, id[1]!) as string));
    const num = /^\$num\((\w+)\)$/.exec(node);
    if (num) return Number(lookup(vars, num[1]!));
    return text(node, vars);
  }
  if (Array.isArray(node)) return node.map((n) => fill(n, vars));
  if (node && typeof node === "object" && typeof node !== "bigint")
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v, vars)]));
  return node;
}

/**
 * Selects a value: dotted segments; `[3]` indexes an array; `[k=v,k2=v2]` takes the first element whose fields
 * equal the values (compared as text, so IDs match whatever their JSON form).
 */
export function select(root: unknown, selector: string, vars: Vars): unknown {
  let node = root;
  for (const seg of text(selector, vars).match(/[^.[\]]+|\[[^\]]*\]/g) ?? []) {
    if (seg.startsWith("[")) {
      const inner = seg.slice(1, -1);
      if (!Array.isArray(node)) throw new CaseError(`${selector}: ${inner} applies to a list, found ${typeof node}`);
      if (/^\d+$/.test(inner)) node = node[Number(inner)];
      else {
        const conds = inner.split(",").map((c) => c.split("=") as [string, string]);
        node = node.find((el) =>
          conds.every(([k, v]) => el && typeof el === "object" && String((el as Record<string, unknown>)[k]) === v),
        );
      }
    } else node = node && typeof node === "object" ? (node as Record<string, unknown>)[seg] : undefined;
    if (node === undefined) throw new CaseError(`${selector}: nothing at ${seg}`);
  }
  return node;
}
