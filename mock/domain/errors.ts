// A refusal by the domain: a code from the spec's vocabulary, the field at fault and why.
export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: string,
    readonly field: string,
    readonly tag: string,
    reason: string,
  ) {
    super(field ? `${field}: ${reason}` : reason);
  }
}

export const refuse = (code: string, field: string, tag: string, reason: string): never => {
  throw new DomainError(code, field, tag, reason);
};
