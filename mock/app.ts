// createApp(service, options): the mock as a request handler, with no listening inside (the CLI listens; tests
// use supertest). Vendor operations run on a node:http pipeline compiled from the spec; the control API,
// unknown paths and errors go through Express.
import type { IncomingMessage, ServerResponse } from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
import type { MockService } from "./domain/service.ts";
import { Faults } from "./faults.ts";
import { allowedMethods, createDispatcher } from "./http/dispatch.ts";
import { failure, newRequestId } from "./http/envelope.ts";
import { begin, finish } from "./http/exchange.ts";
import { controlGuard, isControlPath } from "./http/control-guard.ts";
import { RequestLog } from "./http/log.ts";
import { answer, type PipelineContext } from "./http/pipeline.ts";
import { controlHandlers, controlPages, noFavicon } from "./routes/control.ts";
import { docsRouter } from "./routes/docs.ts";
import { vendorHandlers } from "./routes/vendor.ts";
import { compiledControlSpec, compiledSpec } from "../openapi/compiled.ts";

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
  /** The address the server is bound to (default 127.0.0.1): the Host the control API answers to. */
  host?: string;
  /** Further host names the control API answers to (the MSW handlers' base URL). */
  extraHosts?: string[];
  /** "mirror" (default): an error's HTTP status is its envelope status. 200: errors come as HTTP 200, as the
   * vendor documents only 200 answers with the status in the envelope (vendor API only). */
  errorHttpStatus?: "mirror" | 200;
  /** Most live-log subscribers at once (default 16). */
  maxSubscribers?: number;
  /** false: GET /__mock/events answers 404 instead of streaming (the MSW handlers, where a stream would outlive
   * server.close()). */
  liveLog?: boolean;
}

export interface MockApp {
  /** The whole mock as an Express app (vendor operations first, through the same pipeline as `handler`). */
  app: express.Express;
  /** The whole mock as a plain request listener: vendor operations skip Express entirely. */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
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
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const ctx: PipelineContext = {
    service,
    faults,
    statuses,
    strict: options.strict ?? false,
    bodyLimit,
    violations: [],
    errorHttpStatus: options.errorHttpStatus === 200 ? 200 : undefined,
  };
  const dispatch = createDispatcher(ctx, operations, vendorHandlers(service));

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use((req: Request, res: Response, next: NextFunction) => {
    res.locals.requestId = begin(req, res, log).requestId;
    if (dispatch(req, res)) return;
    // Everything Express serves (control API, page assets, docs, 404s) is logged once it completes, however it ends.
    res.once("close", () => finish(res, res.writableFinished ? res.statusCode : 0));
    next();
  });
  const control = options.control ?? true;
  const controlOps = control ? compiledControlSpec().operations.filter((op) => op.operationId !== "events") : [];
  if (control) {
    const guard = controlGuard({
      host: options.host ?? "127.0.0.1",
      extraHosts: options.extraHosts,
      token: options.controlToken,
    });
    // The control API's JSON operations run through the same pipeline as the vendor's. It is this project's own:
    // no faults, and its errors always carry their HTTP status.
    const controlCtx: PipelineContext = { ...ctx, faults: undefined, errorHttpStatus: undefined };
    const dispatchControl = createDispatcher(controlCtx, controlOps, controlHandlers(service, faults, log));
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (!isControlPath(req.url)) return next();
      const refused = guard(req);
      if (refused) {
        const { code, field, reason } = refused;
        return answer(
          controlCtx,
          res,
          undefined,
          failure(res.locals.requestId as string, code, field, "refused", reason),
        );
      }
      if (options.liveLog === false && req.path === `${CONTROL_PREFIX}/events`) {
        const reason =
          "the live log streams only from a mock on a port (startMock, the CLI); here read GET /__mock/requests";
        return answer(
          controlCtx,
          res,
          undefined,
          failure(res.locals.requestId as string, "api_not_found", "path", "not_found", reason),
        );
      }
      if (!dispatchControl(req, res)) next();
    });
    app.use(CONTROL_PREFIX, controlPages(log, options.maxSubscribers));
  }

  app.get("/favicon.ico", noFavicon);
  app.use("/docs", docsRouter());
  // A newcomer who opens the base URL lands on the page (or the reference when the control API is off).
  app.get("/", (_req: Request, res: Response) => res.redirect(302, control ? `${CONTROL_PREFIX}/ui/` : "/docs/"));

  // Unknown endpoints and methods answer in the envelope too.
  app.use((req: Request, res: Response) => {
    const id = res.locals.requestId as string;
    const same = allowedMethods([...operations, ...controlOps], req.path);
    if (same.length) {
      res.set("Allow", same.join(", "));
      const reason = `${req.method} is not allowed on ${req.path}; use ${same.join(" or ")}`;
      return answer(ctx, res, undefined, failure(id, "method_not_allowed", "method", "not_allowed", reason));
    }
    answer(
      ctx,
      res,
      undefined,
      failure(id, "api_not_found", "path", "not_found", `no endpoint ${req.method} ${req.path}`),
    );
  });

  // Errors raised before a route ran (control API bodies): too large, aborted or badly encoded.
  app.use((err: Error & { status?: number }, req: Request, res: Response, _next: NextFunction) => {
    const id = (res.locals.requestId as string) ?? newRequestId();
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (res.headersSent) return void res.end();
    if (status === 413)
      return answer(
        ctx,
        res,
        undefined,
        failure(id, "request_entity_too_large", "body", "too_large", `exceeds the limit of ${bodyLimit} bytes`),
      );
    if (status === 415)
      return answer(
        ctx,
        res,
        undefined,
        failure(id, "unsupported_media_type", "Content-Encoding", "unsupported", err.message),
      );
    if (status < 500)
      return answer(ctx, res, undefined, failure(id, "invalid_json", "body", "unreadable", err.message));
    console.error(`[${id}] ${req.method} ${req.path} failed:`, err);
    answer(
      ctx,
      res,
      undefined,
      failure(id, "internal_error", "", "internal", "the mock failed to process this request; see its log"),
    );
  });

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    begin(req, res, log);
    if (!dispatch(req, res)) app(req, res);
  };
  return { app, handler, service, faults, log, violations: ctx.violations };
}
