// The spec, compiled once per process: validators for every operation, the error-code statuses, the seed.
import { loadSpec, type OpenApiDocument } from "./load.ts";
import { createSpecAjv } from "./validator.ts";
import type { Ajv2020 } from "ajv/dist/2020.js";
import { compileOperations, errorStatuses, type Operation } from "./operations.ts";

export interface Runtime {
  spec: OpenApiDocument;
  ajv: Ajv2020;
  operations: Operation[];
  statuses: Map<string, number>;
}

let runtime: Runtime | undefined;

export function compiledSpec(): Runtime {
  if (!runtime) {
    const spec = loadSpec();
    const ajv = createSpecAjv(spec);
    runtime = { spec, ajv, operations: compileOperations(spec, ajv), statuses: errorStatuses(spec) };
  }
  return runtime;
}
