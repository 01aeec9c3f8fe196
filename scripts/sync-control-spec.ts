// The control spec names the vendor's operations (a fault's operationId, the request log's filter): those enums
// are derived from openapi/partner-portal.yaml, never typed by hand. Each follows a marker comment:
//   # generated: the vendor's operationIds, from partner-portal.yaml by `npm run generate`
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { CONTROL_SPEC_PATH, SPEC_PATH } from "../openapi/load.ts";

const MARKER = "# generated: the vendor's operationIds";
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

/** The vendor spec's operationIds, in the order of its paths. */
export function vendorOperationIds(specText = readFileSync(SPEC_PATH, "utf8")): string[] {
  const spec = parse(specText) as { paths: Record<string, Record<string, { operationId?: string }>> };
  return Object.values(spec.paths).flatMap((item) =>
    METHODS.flatMap((m) => (item[m]?.operationId ? [item[m].operationId] : [])),
  );
}

/** The control spec's text with every marked enum set to the vendor's operationIds. */
export function syncedControlSpec(text = readFileSync(CONTROL_SPEC_PATH, "utf8")): string {
  const ids = vendorOperationIds();
  const lines = text.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]!);
    if (!lines[i]!.trimStart().startsWith(MARKER)) continue;
    const indent = lines[i]!.slice(0, lines[i]!.length - lines[i]!.trimStart().length);
    if (!lines[i + 1]?.startsWith(`${indent}enum:`))
      throw new Error(`${CONTROL_SPEC_PATH}:${i + 2}: "enum:" must follow the marker`);
    // Skip the old enum: its line, and a flow sequence's continuation lines up to the closing bracket.
    let j = i + 1;
    if (!lines[j]!.includes("]")) while (j < lines.length && !lines[j]!.trimEnd().endsWith("]")) j++;
    out.push(`${indent}enum:`, `${indent}  [`, ...ids.map((id) => `${indent}    ${id},`), `${indent}  ]`);
    i = j;
  }
  return out.join("\n");
}
