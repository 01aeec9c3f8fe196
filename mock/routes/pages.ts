// What Express serves: the page and its live log under /__mock, the API reference under /docs, the favicon, the
// redirect from /, and errors raised while serving those. app.ts loads this module on the first such request,
// so a mock that only answers API calls never loads Express (a quarter of the launch).
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { IncomingMessage, ServerResponse } from "node:http";
import { failure, newRequestId, send, type Envelope } from "../http/envelope.ts";
import { exchangeOf } from "../http/exchange.ts";
import type { RequestLog } from "../http/log.ts";
import { DEFAULT_MAX_SUBSCRIBERS, MAX_QUEUED_EVENT_BYTES } from "./control.ts";
import { docsRouter } from "./docs.ts";
import { fromRoot } from "../../openapi/root.ts";

export interface PagesOptions {
  log: RequestLog;
  maxSubscribers?: number | undefined;
  /** Where the page lives (undefined: the control API is off, so there is no page). */
  controlPrefix: string | undefined;
  /** Answers an envelope the way the rest of the mock does. */
  answer(res: ServerResponse, env: Envelope): void;
  /** Whatever nothing here serves: the envelope's 404 or 405. */
  notFound(req: IncomingMessage, res: ServerResponse): void;
}

/** No favicon, and no 404 for it either (browsers ask on every page, the vendor API's included). */
const noFavicon = (_req: Request, res: Response) =>
  void res.status(204).set("Cache-Control", "public, max-age=86400").end();

/** The page (static files, nothing from the internet) and the live request log. */
function controlPages(log: RequestLog, maxSubscribers = DEFAULT_MAX_SUBSCRIBERS): Router {
  const r = express.Router();
  r.use("/ui", express.static(fromRoot("mock", "ui"), { index: "index.html", fallthrough: false }));
  r.get("/events", (req: Request, res: Response) => {
    if (log.subscribers >= maxSubscribers) {
      const reason = `${maxSubscribers} live-log subscribers are connected already; close one first`;
      return send(res, failure(res.locals.requestId as string, "too_many_requests", "subscribers", "limit", reason));
    }
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache", Connection: "keep-alive" });
    res.write(": connected\n\n");
    // Backpressure: a subscriber that stops reading is cut off once this much is queued for it.
    const cut = () => {
      stop();
      clearInterval(beat);
      res.destroy();
    };
    const stop = log.subscribe((frame) => {
      if (res.writableLength > MAX_QUEUED_EVENT_BYTES) return cut();
      res.write(frame);
    });
    const beat = setInterval(() => res.write(": beat\n\n"), 15_000);
    req.on("close", cut);
  });
  return r;
}

export function pagesApp(o: PagesOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.locals.requestId = exchangeOf(res)?.requestId ?? newRequestId();
    next();
  });
  if (o.controlPrefix) app.use(o.controlPrefix, controlPages(o.log, o.maxSubscribers));
  app.get("/favicon.ico", noFavicon);
  app.use("/docs", docsRouter());
  // A newcomer who opens the base URL lands on the page (or the reference when the control API is off).
  app.get("/", (_req: Request, res: Response) =>
    res.redirect(302, o.controlPrefix ? `${o.controlPrefix}/ui/` : "/docs/"),
  );
  app.use((req: Request, res: Response) => o.notFound(req, res));

  // Errors raised while serving a page (nothing here reads a body): a file that is not there, a malformed path.
  app.use((err: Error & { status?: number }, req: Request, res: Response, _next: NextFunction) => {
    const id = res.locals.requestId as string;
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (res.headersSent) return void res.end();
    if (status === 404) return o.notFound(req, res);
    if (status < 500) return o.answer(res, failure(id, "invalid_json", "body", "unreadable", err.message));
    console.error(`[${id}] ${req.method} ${req.path} failed:`, err);
    o.answer(
      res,
      failure(id, "internal_error", "", "internal", "the mock failed to process this request; see its log"),
    );
  });
  return app;
}
