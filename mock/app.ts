// createApp(service, options): the Express app, with no listening inside (the CLI listens; tests use supertest).
import express, { type NextFunction, type Request, type Response } from "express";
import type { MockService } from "./domain/service.ts";
import { Faults } from "./faults.ts";
import { failure, newRequestId } from "./http/envelope.ts";
import { RequestLog, redactPath } from "./http/log.ts";
import { answer, operationRoute, type PipelineContext } from "./http/pipeline.ts";
import { controlRouter } from "./routes/control.ts";
import { vendorHandlers } from "./routes/vendor.ts";
import { compiledSpec } from "../openapi/compiled.ts";

export interface AppOptions {
  /** Validate every response against the spec; a mismatch becomes a 500 and is recorded. */
  strict?: boolean;
  /** No request log on stdout. */
  quiet?: boolean;
  /** Serve the control API under /__mock (default true). */
  control?: boolean;
  /** Require this token on control requests (X-Mock-Control-Token). */
  controlToken?: string;
  /** Largest accepted body, in bytes (default 64 KiB). */
  bodyLimit?: number;
  /** Where log lines go (default stdout). */
  logOut?: (line: string) => void;
}

export interface MockApp {
  app: express.Express;
  service: MockService;
  faults: Faults;
  log: RequestLog;
  /** Strict-mode mismatches seen so far. */
  violations: string[];
}

export const CONTROL_PREFIX = "/__mock";
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export function createApp(service: MockService, options: AppOptions = {}): MockApp {
  const { operations, statuses } = compiledSpec();
  const faults = new Faults();
  const log = new RequestLog(options.quiet ?? false, options.logOut);
  const ctx: PipelineContext = { service, faults, statuses, strict: options.strict ?? false, violations: [] };
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("query parser", "simple");

  app.use((req: Request, res: Response, next: NextFunction) => {
    const start = process.hrtime.bigint();
    const requestId = newRequestId();
    res.locals.requestId = requestId;
    const done = () => {
      log.record({
        time: new Date().toISOString(),
        method: req.method,
        path: redactPath(req.originalUrl),
        status: res.locals.lost || !res.headersSent ? 0 : res.statusCode,
        ms: Number(process.hrtime.bigint() - start) / 1e6,
        requestId,
        clientId: res.locals.clientId as string | undefined,
      });
    };
    res.once("finish", done);
    res.once("close", () => {
      if (!res.writableFinished) done();
    });
    next();
  });
  app.use(express.raw({ type: () => true, limit: options.bodyLimit ?? DEFAULT_BODY_LIMIT }));

  const handlers = vendorHandlers(service);
  for (const op of operations) {
    const handler = handlers[op.operationId];
    if (!handler) throw new Error(`no handler for operation ${op.operationId}`);
    app[op.method.toLowerCase() as "get" | "post"](op.expressPath, operationRoute(ctx, op, handler));
  }
  if (options.control ?? true)
    app.use(CONTROL_PREFIX, controlRouter({ service, faults, log, token: options.controlToken }));

  // Unknown endpoints and methods answer in the envelope too.
  const known = operations.map((op) => ({ op, re: new RegExp(`^${op.path.replace(/\{\w+\}/g, "[^/]+")}$`) }));
  app.use((req: Request, res: Response) => {
    const id = res.locals.requestId as string;
    const same = known.filter((k) => k.re.test(req.path));
    if (same.length) {
      res.set("Allow", same.map((k) => k.op.method).join(", "));
      return answer(
        ctx,
        res,
        undefined,
        failure(
          id,
          405,
          "method_not_allowed",
          "method",
          "not_allowed",
          `${req.method} is not allowed on ${req.path}; use ${same.map((k) => k.op.method).join(" or ")}`,
        ),
      );
    }
    answer(
      ctx,
      res,
      undefined,
      failure(id, 404, "api_not_found", "path", "not_found", `no endpoint ${req.method} ${req.path}`),
    );
  });

  // Errors raised before a route ran: body too large, aborted or badly encoded bodies.
  app.use((err: Error & { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
    const id = (res.locals.requestId as string) ?? newRequestId();
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (res.headersSent) return void res.end();
    if (status === 413)
      return answer(
        ctx,
        res,
        undefined,
        failure(
          id,
          413,
          "request_entity_too_large",
          "body",
          "too_large",
          `exceeds the limit of ${options.bodyLimit ?? DEFAULT_BODY_LIMIT} bytes`,
        ),
      );
    if (status === 415)
      return answer(
        ctx,
        res,
        undefined,
        failure(id, 415, "unsupported_media_type", "Content-Encoding", "unsupported", err.message),
      );
    if (status < 500)
      return answer(
        ctx,
        res,
        undefined,
        failure(id, status === 400 ? 400 : status, "invalid_json", "body", "unreadable", err.message),
      );
    console.error(`[${id}] ${req.method} ${req.path} failed:`, err);
    answer(
      ctx,
      res,
      undefined,
      failure(id, 500, "internal_error", "", "internal", "the mock failed to process this request; see its log"),
    );
  });

  return { app, service, faults, log, violations: ctx.violations };
}
