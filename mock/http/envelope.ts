// The vendor's envelope on every answer; requestIds are 32 hex characters as in the vendor's examples.
import { randomUUID } from "node:crypto";
import type { Response } from "express";

export interface Envelope {
  code: string;
  detailMessage: string;
  requestId: string;
  result: unknown;
  status: number;
}

export const newRequestId = () => randomUUID().replace(/-/g, "");

export function success(requestId: string, result: unknown): Envelope {
  return { code: "success", detailMessage: "", requestId, result, status: 200 };
}

export function failure(
  requestId: string,
  status: number,
  code: string,
  field: string,
  tag: string,
  reason: string,
): Envelope {
  return { code, detailMessage: field ? `${field}: ${reason}` : reason, requestId, result: { field, tag }, status };
}

export function send(res: Response, env: Envelope): void {
  // Responses carry IDs as strings, so JSON.stringify is exact here (and faster than a lossless writer).
  res.status(env.status).set("Content-Type", "application/json; charset=utf-8").send(JSON.stringify(env));
}
