// Writes docs/fidelity.md, the list of everything the spec assumes, from the spec's own marks (x-assumed,
// x-documented). `--check` exits 1 when the committed file is stale; openapi/provenance.test.ts checks it too.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSpec, type OpenApiDocument } from "../openapi/load.ts";
import { provenance } from "../openapi/provenance.ts";
import { fromRoot } from "../openapi/root.ts";

export const FIDELITY_PATH = fromRoot("docs", "fidelity.md");

function label(item: string): string {
  if (item.startsWith("(")) return item;
  const param = /^parameter (.+)$/.exec(item);
  return param ? `parameter \`${param[1]}\`` : `\`${item}\``;
}

export function renderFidelity(spec: OpenApiDocument): string {
  const { items } = provenance(spec);
  const assumed = items.filter((i) => i.assumed);
  const partly = assumed.filter((i) => i.documented.length > 0).length;
  const out = [
    "# What the contract assumes",
    "",
    "Generated from `openapi/partner-portal.yaml` by `npm run fidelity`; do not edit (a test fails when it is stale).",
    "",
    `The spec marks ${items.length} items (every schema, schema property and parameter, and the operations and ` +
      "responses whose behaviour is assumed) with `x-documented` (the vendor pages, by the slugs of " +
      `\`info.x-sources\`) or \`x-assumed\` (why). ${items.length - assumed.length} are documented outright. ` +
      `The ${assumed.length} below rest on an assumption; ${partly} of them are documented fields with an assumed ` +
      "detail (a bound, a format, a pattern, a name).",
  ];
  let group = "";
  for (const i of assumed) {
    if (i.group !== group) out.push("", `## ${(group = i.group)}`, "");
    const pages = i.documented.length ? ` (documented: ${i.documented.join(", ")})` : "";
    out.push(`- **${label(i.item)}**${pages}: ${i.assumed!.replace(/\s+/g, " ").trim()}`);
  }
  return out.join("\n") + "\n";
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = renderFidelity(loadSpec());
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(FIDELITY_PATH, "utf8");
    } catch {
      /* missing counts as stale */
    }
    if (current !== text) {
      console.error(`${FIDELITY_PATH} is stale: run \`npm run fidelity\` and commit the result.`);
      process.exit(1);
    }
    console.log("docs/fidelity.md is current");
  } else {
    mkdirSync(dirname(FIDELITY_PATH), { recursive: true });
    writeFileSync(FIDELITY_PATH, text);
    console.log(`wrote ${FIDELITY_PATH}`);
  }
}
