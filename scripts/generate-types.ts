// Writes openapi/generated/partner-portal.ts from the vendor spec and openapi/generated/mock-control.ts from the control
// API's. `--check` exits 1 when a committed file is stale.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { CONTROL_SPEC_PATH, SPEC_PATH } from "../openapi/load.ts";
import { syncedControlSpec } from "./sync-control-spec.ts";

export const GENERATED_PATH = fileURLToPath(new URL("../openapi/generated/partner-portal.ts", import.meta.url));
const TARGETS: Array<[string, string, string]> = [
  [SPEC_PATH, GENERATED_PATH, "openapi/partner-portal.yaml"],
  [
    CONTROL_SPEC_PATH,
    fileURLToPath(new URL("../openapi/generated/mock-control.ts", import.meta.url)),
    "openapi/mock-control.yaml",
  ],
];

// An Int64Id never maps to `number`: a double cannot hold 19 digits, so a caller must pass bigint or string.
const INT64 = ts.factory.createUnionTypeNode([
  ts.factory.createKeywordTypeNode(ts.SyntaxKind.BigIntKeyword),
  ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
]);

export async function generateTypes(specPath = SPEC_PATH, name = "openapi/partner-portal.yaml"): Promise<string> {
  const ast = await openapiTS(new URL(`file://${specPath}`), {
    transform: (schema) => ((schema as Record<string, unknown>)["x-int64"] === true ? INT64 : undefined),
  });
  const header = `// Generated from ${name} by \`npm run generate\`. Do not edit.\n`;
  return header + astToString(ast);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const control = syncedControlSpec();
  if (control !== readFileSync(CONTROL_SPEC_PATH, "utf8")) {
    if (process.argv.includes("--check")) {
      console.error(
        `${CONTROL_SPEC_PATH}: its operationId enums differ from partner-portal.yaml: run \`npm run generate\`.`,
      );
      process.exit(1);
    }
    writeFileSync(CONTROL_SPEC_PATH, control);
    console.log(`wrote ${CONTROL_SPEC_PATH} (operationId enums)`);
  }
  for (const [spec, out, name] of TARGETS) {
    const text = await generateTypes(spec, name);
    if (process.argv.includes("--check")) {
      let current = "";
      try {
        current = readFileSync(out, "utf8");
      } catch {
        /* missing counts as stale */
      }
      if (current !== text) {
        console.error(`${out} is stale: run \`npm run generate\` and commit the result.`);
        process.exit(1);
      }
      console.log(`${name}: generated types are current`);
    } else {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, text);
      console.log(`wrote ${out}`);
    }
  }
}
