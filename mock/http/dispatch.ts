// The vendor routes, compiled once from the spec into a Map of exact paths and a short list of templated ones.
// Returns false for anything that is not a vendor operation, so the caller can hand it on (to Express).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Operation } from "../../openapi/operations.ts";
import { operationRoute, type Handler, type PipelineContext } from "./pipeline.ts";
import { exchangeOf } from "./exchange.ts";

type Route = { run: ReturnType<typeof operationRoute>; op: Operation };

export type Dispatcher = (req: IncomingMessage, res: ServerResponse) => boolean;

export function createDispatcher(
  ctx: PipelineContext,
  operations: Operation[],
  handlers: Record<string, Handler>,
): Dispatcher {
  // By method, then by path: no key string is built per request.
  const exact = new Map<string, Map<string, Route>>();
  const templated: Route[] = [];
  for (const op of operations) {
    const handler = handlers[op.operationId];
    if (!handler) throw new Error(`no handler for operation ${op.operationId}`);
    const route = { run: operationRoute(ctx, op, handler), op };
    if (op.pathParams.length === 0) {
      if (!exact.has(op.method)) exact.set(op.method, new Map());
      exact.get(op.method)!.set(op.path, route);
    } else templated.push(route);
  }
  // The pipeline answers its own errors; should answering itself fail, the request ends and the process lives on.
  const guard = (run: Promise<void>, req: IncomingMessage, res: ServerResponse) =>
    run.catch((err: unknown) => {
      console.error(`mock: ${req.method} ${req.url} failed while answering:`, err);
      res.destroy();
    });
  const decode = (s: string) => {
    if (!s.includes("%")) return s;
    try {
      return decodeURIComponent(s);
    } catch {
      return s; // malformed escapes reach the validator as they are, and are refused there
    }
  };

  return (req, res) => {
    const { path, search } = exchangeOf(res)!.target;
    // HEAD is GET without the body (RFC 9110 9.3.2); node:http leaves the body out of a HEAD answer itself.
    const method = req.method === "HEAD" ? "GET" : req.method;
    const hit = exact.get(method ?? "")?.get(path);
    if (hit) {
      void guard(hit.run(req, res, path, search, {}), req, res);
      return true;
    }
    for (const { run, op } of templated) {
      const m = op.method === method ? op.pattern.exec(path) : null;
      if (!m) continue;
      const params: Record<string, string> = {};
      for (let i = 0; i < op.pathParams.length; i++) params[op.pathParams[i]!] = decode(m[i + 1]!);
      void guard(run(req, res, path, search, params), req, res);
      return true;
    }
    return false;
  };
}

/** The methods a path takes, for Allow: the operations' own, and HEAD wherever GET is. */
export function allowedMethods(operations: Operation[], path: string): string[] {
  const methods = operations.filter((op) => op.pattern.test(path)).map((op) => op.method);
  return [...new Set(methods.flatMap((m) => (m === "GET" ? ["GET", "HEAD"] : [m])))];
}
