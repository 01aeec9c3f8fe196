// Loads the two OpenAPI documents, once per process (in the bundle they are inlined: see scripts/build.ts).
import { readFileSync } from "node:fs";
import { fromRoot } from "./root.ts";
import type { OpenApiDocument } from "./parse.ts";
import { parseSpec } from "./parse.ts";

export type { OpenApiDocument };

export const SPEC_PATH = fromRoot("openapi", "partner-portal.yaml");
/** The mock's own control API (/__mock), described and compiled like the vendor API. */
export const CONTROL_SPEC_PATH = fromRoot("openapi", "mock-control.yaml");

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
