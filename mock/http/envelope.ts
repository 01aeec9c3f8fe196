// The vendor's envelope on every answer; requestIds are 32 hex characters as in the vendor's examples.
import type { ServerResponse } from "node:http";
import { statusOf, type ErrorCode } from "./codes.ts";
import { finish } from "./exchange.ts";

export interface Envelope {
  code: string;
  detailMessage: string;
  requestId: string;
  result: unknown;
  status: number;
}

export { newRequestId } from "./envelope-id.ts";

export function success(requestId: string, result: unknown): Envelope {
  return { code: "success", detailMessage: "", requestId, result, status: 200 };
}

/** An error answer; its status is the code's, from the spec (an injected fault may choose another). */
export function failure(
  requestId: string,
  code: ErrorCode,
  field: string,
  tag: string,
  reason: string,
  injectedStatus?: number,
): Envelope {
  const status = injectedStatus ?? statusOf(code);
  return { code, detailMessage: field ? `${field}: ${reason}` : reason, requestId, result: { field, tag }, status };
}

// Results that never change (catalog, contacts, subordinates) are serialized once.
const immutable = new WeakSet<object>();
const serialized = new WeakMap<object, string>();

/** Marks a result as never changing, so its JSON can be reused across answers. */
export function unchanging<T extends object>(result: T): T {
  immutable.add(result);
  return result;
}

/** Results whose own fields change but whose listed items (under `results`) never do: a page of views. */
const pages = new WeakSet<object>();

/**
 * Marks a page whose items are views that never change (the domain hands out the same view object for as long
 * as it holds): each item's JSON is made once and spliced into every page that lists it.
 */
export function pageOfUnchanging<T extends { results: object[] }>(page: T): T {
  for (const item of page.results) immutable.add(item);
  pages.add(page);
  return page;
}

function onceJson(value: object): string {
  let text = serialized.get(value);
  if (text === undefined) serialized.set(value, (text = JSON.stringify(value)));
  return text;
}

/** JSON.stringify(result), exactly, with the JSON of unchanging parts made once. */
function resultJson(result: unknown): string {
  if (result === null || typeof result !== "object") return JSON.stringify(result);
  if (immutable.has(result)) return onceJson(result);
  if (!pages.has(result)) return JSON.stringify(result);
  let out = "";
  for (const [key, value] of Object.entries(result)) {
    if (value === undefined) continue;
    const text =
      key === "results" ? `[${(value as object[]).map(onceJson).join(",")}]` : JSON.stringify(value as unknown);
    out += `${out ? "," : ""}${JSON.stringify(key)}:${text}`;
  }
  return `{${out}}`;
}

/** `httpStatus` 200 answers errors with HTTP 200 and the error status in the envelope, as the vendor documents. */
export function send(res: ServerResponse, env: Envelope, httpStatus?: 200): void {
  // Responses carry IDs as strings, so JSON.stringify is exact here (and faster than a lossless writer).
  const body = `{"code":${JSON.stringify(env.code)},"detailMessage":${JSON.stringify(env.detailMessage)},"requestId":"${env.requestId}","result":${resultJson(env.result) ?? "null"},"status":${env.status}}`;
  // A flat list of headers: node:http takes it without walking an object's keys.
  res.writeHead(httpStatus ?? env.status, [
    "Content-Type",
    "application/json; charset=utf-8",
    "Content-Length",
    String(Buffer.byteLength(body)),
  ]);
  res.end(body);
  finish(res, env.status);
}
