// Per-request facts shared by the node-level pipeline and the Express routes: the requestId, the start time,
// the account once known, and the log to write the outcome to. Kept on the response under a symbol of ours (a
// WeakMap beside it cost more per request than anything else in this file).
import type { IncomingMessage, ServerResponse } from "node:http";
import { newRequestId } from "./envelope-id.ts";
import type { RequestLog } from "./log.ts";
import { requestTarget, type Target } from "./target.ts";

export interface Exchange {
  requestId: string;
  t0: number;
  method: string;
  url: string;
  /** The target as routers read it, parsed once per request. */
  target: Target;
  log: RequestLog;
  clientId?: string;
  operationId?: string;
  /** The body as received and its media type, for the log (redacted there). */
  body?: { text: string; type: string };
  logged?: boolean;
}

const EXCHANGE = Symbol("mock exchange");
type WithExchange = ServerResponse & { [EXCHANGE]?: Exchange };

/** The exchange of a request, created on first call. */
export function begin(req: IncomingMessage, res: ServerResponse, log: RequestLog): Exchange {
  return ((res as WithExchange)[EXCHANGE] ??= {
    requestId: newRequestId(),
    t0: performance.now(),
    method: req.method ?? "",
    url: req.url ?? "",
    target: requestTarget(req.url),
    log,
    clientId: undefined,
    operationId: undefined,
    body: undefined,
    logged: false,
  });
}

export function exchangeOf(res: ServerResponse): Exchange | undefined {
  return (res as WithExchange)[EXCHANGE];
}

/** Writes the request's log entry once; status 0 means no answer was given (dropped or lost). */
export function finish(res: ServerResponse, status: number): void {
  const ex = exchangeOf(res);
  if (!ex || ex.logged) return;
  ex.logged = true;
  ex.log.record({
    at: Date.now(),
    method: ex.method,
    url: ex.url,
    path: ex.target.path,
    status,
    ms: performance.now() - ex.t0,
    requestId: ex.requestId,
    clientId: ex.clientId,
    operationId: ex.operationId,
    body: ex.body,
  });
}

const hangUps = new WeakMap<ServerResponse, () => void>();

/** How to end a request without an answer where there is no socket to destroy (the MSW adapter). */
export function onHangUp(res: ServerResponse, hangUp: () => void): void {
  hangUps.set(res, hangUp);
}

/** Ends a connection without an answer (a fault), logging it with status 0. */
export function hangUp(req: IncomingMessage, res: ServerResponse): void {
  finish(res, 0);
  const custom = hangUps.get(res);
  if (custom) custom();
  else req.socket.destroy();
}
