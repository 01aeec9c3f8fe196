// A refusal by the domain: a code from the spec's vocabulary, the field at fault and why.
import type { components } from "../../openapi/generated/partner-portal.ts";

type ErrorCode = components["schemas"]["ErrorCode"];

export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: ErrorCode,
    readonly field: string,
    readonly tag: string,
    reason: string,
  ) {
    super(field ? `${field}: ${reason}` : reason);
  }
}

/** Refuses: throws the DomainError. A declaration, so TypeScript narrows after a call. */
export function refuse(code: ErrorCode, field: string, tag: string, reason: string): never {
  throw new DomainError(code, field, tag, reason);
}
