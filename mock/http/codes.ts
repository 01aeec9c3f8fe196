// Error codes are the spec's ErrorCode union; each one's HTTP status comes from the spec's x-error-codes, looked
// up here and nowhere else.
import type { components } from "../../openapi/generated/partner-portal.ts";
import { compiledSpec } from "../../openapi/compiled.ts";

export type ErrorCode = components["schemas"]["ErrorCode"];

export function statusOf(code: ErrorCode): number {
  const status = compiledSpec().statuses.get(code);
  if (status === undefined) throw new Error(`error code ${code} has no status in the spec's x-error-codes`);
  return status;
}
