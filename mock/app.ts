// createApp(service, options): the mock as a request handler, with no listening inside (the CLI listens; tests
// use supertest). Vendor and control operations run on a node:http pipeline compiled from the spec; only the
// page, the docs and the favicon go through Express (routes/pages.ts), loaded on the first request for them.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { MockService } from "./domain/service.ts";
import { Faults } from "./faults.ts";
import { allowedMethods, createDispatcher, type Dispatcher } from "./http/dispatch.ts";
import { failure, type Envelope } from "./http/envelope.ts";
import { begin, exchangeOf, finish } from "./http/exchange.ts";
import { controlGuard, isControlPath } from "./http/control-guard.ts";
import { RequestLog } from "./http/log.ts";
import { answer, type Handler, type PipelineContext } from "./http/pipeline.ts";
import { controlHandlers } from "./routes/control.ts";
import type { PagesOptions } from "./routes/pages.ts";
import { vendorHandlers } from "./routes/vendor.ts";
import { compiledControlSpec, compiledSpec } from "../openapi/compiled.ts";
import type { Operation } from "../openapi/operations.ts";

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
  /** The whole mock as a plain request listener (supertest takes it as it is). */
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
  const control = options.control ?? true;
  const controlOps = control ? compiledControlSpec().operations.filter((op) => op.operationId !== "events") : [];
  // The control API's JSON operations run through the same pipeline as the vendor's. It is this project's own:
  // no faults, and its errors always carry their HTTP status.
  const controlCtx: PipelineContext = { ...ctx, faults: undefined, errorHttpStatus: undefined };
  const controlRoute = control
    ? controlRouter(controlCtx, controlOps, options, controlHandlers(service, faults, log))
    : undefined;

  // Unknown endpoints and methods answer in the envelope too.
  const notFound = (req: IncomingMessage, res: ServerResponse) => {
    const { requestId, target } = begin(req, res, log);
    const { path } = target;
    const same = allowedMethods([...operations, ...controlOps], path);
    if (same.length) {
      res.setHeader("Allow", same.join(", "));
      const reason = `${req.method} is not allowed on ${path}; use ${same.join(" or ")}`;
      return answer(ctx, res, undefined, failure(requestId, "method_not_allowed", "method", "not_allowed", reason));
    }
    const reason = `no endpoint ${req.method} ${path}`;
    answer(ctx, res, undefined, failure(requestId, "api_not_found", "path", "not_found", reason));
  };
  const pages = lazyPages({
    log,
    maxSubscribers: options.maxSubscribers,
    controlPrefix: control ? CONTROL_PREFIX : undefined,
    answer: (res, env) => answer(ctx, res, undefined, env),
    notFound,
  });

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    begin(req, res, log);
    if (dispatch(req, res) || controlRoute?.(req, res)) return;
    pages(req, res);
  };
  return { handler, service, faults, log, violations: ctx.violations };
}

/** /__mock requests: the guard, then the control operations; false for the page and the live log. */
function controlRouter(
  ctx: PipelineContext,
  operations: Operation[],
  options: AppOptions,
  handlers: Record<string, Handler>,
): Dispatcher {
  const guard = controlGuard({
    host: options.host ?? "127.0.0.1",
    extraHosts: options.extraHosts,
    token: options.controlToken,
  });
  const dispatch = createDispatcher(ctx, operations, handlers);
  const refuse = (res: ServerResponse, env: Envelope) => (answer(ctx, res, undefined, env), true);
  return (req, res) => {
    const { requestId, target } = exchangeOf(res)!;
    if (!isControlPath(target.path)) return false;
    const refused = guard(req, target);
    if (refused) return refuse(res, failure(requestId, refused.code, refused.field, "refused", refused.reason));
    if (options.liveLog === false && target.path === `${CONTROL_PREFIX}/events`) {
      const reason =
        "the live log streams only from a mock on a port (startMock, the CLI); here read GET /__mock/requests";
      return refuse(res, failure(requestId, "api_not_found", "path", "not_found", reason));
    }
    return dispatch(req, res);
  };
}

/** The Express part (pages.ts), loaded and built on the first request for it. */
function lazyPages(o: PagesOptions): (req: IncomingMessage, res: ServerResponse) => void {
  let app: Promise<(req: IncomingMessage, res: ServerResponse) => void> | undefined;
  return (req, res) => {
    // Everything Express serves is logged once it completes, however it ends.
    res.once("close", () => finish(res, res.writableFinished ? res.statusCode : 0));
    app ??= import("./routes/pages.ts").then((m) => m.pagesApp(o));
    app.then(
      (serve) => serve(req, res),
      (err: unknown) => {
        console.error("mock: could not load the pages:", err);
        res.destroy();
      },
    );
  };
}
