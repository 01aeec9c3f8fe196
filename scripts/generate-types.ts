// Writes src/generated/partner-portal.ts from the spec. `--check` exits 1 when the committed file is stale.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { SPEC_PATH } from "../openapi/load.ts";

export const GENERATED_PATH = fileURLToPath(new URL("../src/generated/partner-portal.ts", import.meta.url));

// An Int64Id never maps to `number`: a double cannot hold 19 digits, so a caller must pass bigint or string.
const INT64 = ts.factory.createUnionTypeNode([
  ts.factory.createKeywordTypeNode(ts.SyntaxKind.BigIntKeyword),
  ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
]);

export async function generateTypes(): Promise<string> {
  const ast = await openapiTS(new URL(`file://${SPEC_PATH}`), {
    transform: (schema) => ((schema as Record<string, unknown>)["x-int64"] === true ? INT64 : undefined),
  });
  const header = "// Generated from openapi/partner-portal.yaml by `npm run generate`. Do not edit.\n";
  return header + astToString(ast);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = await generateTypes();
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(GENERATED_PATH, "utf8");
    } catch {
      /* missing counts as stale */
    }
    if (current !== text) {
      console.error(`${GENERATED_PATH} is stale: run \`npm run generate\` and commit the result.`);
      process.exit(1);
    }
    console.log("generated types are current");
  } else {
    mkdirSync(dirname(GENERATED_PATH), { recursive: true });
    writeFileSync(GENERATED_PATH, text);
    console.log(`wrote ${GENERATED_PATH}`);
  }
}
