// The error every client call throws when the envelope's code is not "success".
import type { components } from "../openapi/generated/partner-portal.ts";

/** The error codes the spec lists (its ErrorCode schema). */
export type ErrorCode = components["schemas"]["ErrorCode"];
/** A listed code, or the client's own "invalid_response" (the body was not the envelope). */
export type KnownErrorCode = ErrorCode | "invalid_response";
/** A known code, or any other string: a live API may add codes (`string & {}` keeps the literals offered). */
export type PartnerPortalErrorCode = KnownErrorCode | (string & {});

/** Fields of the vendor's error envelope, kept exactly as received. */
export interface ErrorEnvelope {
  code: PartnerPortalErrorCode;
  detailMessage: string;
  requestId: string;
  status: number;
  result: unknown;
}

export class PartnerPortalError extends Error implements ErrorEnvelope {
  override readonly name = "PartnerPortalError";
  readonly code: PartnerPortalErrorCode;
  readonly detailMessage: string;
  readonly requestId: string;
  /** The envelope's status field. */
  readonly status: number;
  readonly result: unknown;
  /** The HTTP status of the response (the vendor repeats it in `status`). */
  readonly httpStatus: number;

  constructor(envelope: ErrorEnvelope, httpStatus: number) {
    super(
      `${envelope.code}: ${envelope.detailMessage || "(no detail)"} [HTTP ${httpStatus}, requestId ${envelope.requestId || "-"}]`,
    );
    this.code = envelope.code;
    this.detailMessage = envelope.detailMessage;
    this.requestId = envelope.requestId;
    this.status = envelope.status;
    this.result = envelope.result;
    this.httpStatus = httpStatus;
  }
}

/**
 * True when `value` is a PartnerPortalError (with one of `codes`, if given), narrowing its `code`. The codes are
 * typed, so a misspelt one is a type error, which `err.code === "..."` cannot be (any string may come).
 */
export function isPartnerPortalError<C extends KnownErrorCode = KnownErrorCode>(
  value: unknown,
  ...codes: C[]
): value is PartnerPortalError & { readonly code: C } {
  return value instanceof PartnerPortalError && (codes.length === 0 || (codes as string[]).includes(value.code));
}

/** True when a value has the envelope's shape. */
export function isEnvelope(value: unknown): value is ErrorEnvelope {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === "string" && typeof v.requestId === "string" && "result" in v;
}

/** An error for a response that is not the vendor's envelope at all (a proxy's HTML page, an empty body). */
export function notAnEnvelope(httpStatus: number, text: string): PartnerPortalError {
  return new PartnerPortalError(
    {
      code: "invalid_response",
      detailMessage: `expected the JSON envelope, got ${text ? JSON.stringify(text.slice(0, 120)) : "an empty body"}`,
      requestId: "",
      status: httpStatus,
      result: null,
    },
    httpStatus,
  );
}
