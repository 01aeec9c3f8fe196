// The vendor's envelope on every answer; requestIds are 32 hex characters as in the vendor's examples.
import type { ServerResponse } from "node:http";
import { statusOf, type ErrorCode } from "./codes.ts";
import { finish } from "./exchange.ts";
import { writeAtTurnEnd } from "./flush.ts";
import { bytesOf, resultText } from "./result-text.ts";

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

/** `httpStatus` 200 answers errors with HTTP 200 and the error status in the envelope, as the vendor documents. */
export function send(res: ServerResponse, env: Envelope, httpStatus?: 200): void {
  // Responses carry IDs as strings, so JSON.stringify is exact here (and faster than a lossless writer).
  const result = resultText(env.result);
  const head = `{"code":${JSON.stringify(env.code)},"detailMessage":${JSON.stringify(env.detailMessage)},"requestId":"${env.requestId}","result":`;
  const tail = `,"status":${env.status}}`;
  const status = httpStatus ?? env.status;
  // A success around a result known to be ASCII is ASCII (codes and requestIds are): its length is its byte
  // count, and it is written byte for byte, where measuring and encoding a long page as UTF-8 cost a tenth of it.
  const ascii = result.ascii && env.detailMessage === "";
  const bytes = ascii ? bytesOf(result) : undefined;
  // Written at the end of this turn of the event loop with the turn's other answers (see flush.ts).
  if (bytes) {
    // A long result made once goes out as its kept bytes between the envelope's two ends, in one corked write:
    // no joined string to flatten and encode per answer (about a tenth of a 12 KB page's time).
    const length = head.length + bytes.length + tail.length;
    writeAtTurnEnd(res, () => {
      writeJsonHead(res, status, length);
      res.cork();
      res.write(head, "latin1");
      res.write(bytes);
      res.end(tail, "latin1");
    });
  } else {
    const body = head + result.text + tail;
    const length = ascii ? body.length : Buffer.byteLength(body);
    writeAtTurnEnd(res, () => {
      writeJsonHead(res, status, length);
      res.end(body, ascii ? "latin1" : "utf8");
    });
  }
  // Logged now, before the client can read the answer: one who has it finds its entry in the request log.
  finish(res, env.status);
}

function writeJsonHead(res: ServerResponse, status: number, length: number): void {
  // A flat list of headers: node:http takes it without walking an object's keys.
  res.writeHead(status, ["Content-Type", "application/json; charset=utf-8", "Content-Length", String(length)]);
}
