// The spec, compiled once per process: validators for every operation, the error-code statuses, the seed.
import { loadControlSpec, loadSpec, type OpenApiDocument } from "./load.ts";
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

let control: { spec: OpenApiDocument; operations: Operation[] } | undefined;

/** The control API's document, compiled by the same pipeline (its own Ajv: its components are its own). */
export function compiledControlSpec(): { spec: OpenApiDocument; operations: Operation[] } {
  if (!control) {
    const spec = loadControlSpec();
    control = { spec, operations: compileOperations(spec, createSpecAjv(spec)) };
  }
  return control;
}
