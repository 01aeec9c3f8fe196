// The control API under /__mock: reset, isolated accounts, state, clocks, faults, the request log.
// It answers in the same envelope as the vendor API, so one client can read both.
import express, { type Request, type Response, type Router } from "express";
import { DomainError, safeEqual, type MockService } from "../domain/service.ts";
import type { Faults, FaultKind, FaultSpec } from "../faults.ts";
import { failure, send, success } from "../http/envelope.ts";
import type { RequestLog } from "../http/log.ts";
import { fromRoot } from "../../openapi/root.ts";
import { compiledSpec } from "../../openapi/compiled.ts";

const statusOf = (code: string) => compiledSpec().statuses.get(code) ?? 422;

export interface ControlOptions {
  service: MockService;
  faults: Faults;
  log: RequestLog;
  /** When set, every control request must send it as X-Mock-Control-Token. */
  token?: string;
}

/** Lets a test runner recognise a mock of this project (and so lift the billing guard). */
export const MOCK_MARKER = "yeastar-partner-portal-mock";

const KINDS: FaultKind[] = ["error", "latency", "drop", "lose-response"];
/** What a live-log subscriber may have queued before it is cut off. */
export const MAX_QUEUED_EVENT_BYTES = 256 * 1024;

class BadInput extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

function parseJsonBody(req: Request): Record<string, unknown> {
  const raw = req.body as Buffer | undefined;
  if (!raw || raw.length === 0) return {};
  try {
    const v = JSON.parse(raw.toString("utf8")) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* reported below */
  }
  throw new BadInput("body", "must be a JSON object");
}

function number(v: unknown, field: string, min: number, max: number, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max)
    throw new BadInput(field, `must be a number from ${min} to ${max}`);
  return v;
}

function optionalString(v: unknown, field: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "string" || v.length === 0 || v.length > 200)
    throw new BadInput(field, "must be a non-empty string");
  return v;
}

function faultSpec(b: Record<string, unknown>): FaultSpec {
  const kind = b.kind as FaultKind;
  if (!KINDS.includes(kind)) throw new BadInput("kind", `must be one of: ${KINDS.join(", ")}`);
  const spec: FaultSpec = { kind, count: number(b.count, "count", 1, 1_000_000, 1) };
  for (const key of ["operationId", "method", "path", "clientId", "code", "detailMessage"] as const) {
    const v = optionalString(b[key], key);
    if (v !== undefined) spec[key] = v;
  }
  if (kind === "error") spec.status = number(b.status, "status", 400, 599, 500);
  if (kind === "latency") spec.latencyMs = number(b.latencyMs, "latencyMs", 0, 60_000, 1000);
  return spec;
}

export function controlRouter(o: ControlOptions): Router {
  const r = express.Router();
  const { service } = o;
  // The token comes as a header, or as ?token= where a browser cannot set headers (EventSource); the log redacts it.
  const given = (v: unknown) => typeof v === "string" && safeEqual(v, o.token!);
  const authorized = (req: Request) => !o.token || given(req.headers["x-mock-control-token"]) || given(req.query.token);

  // The page: static files, no build step, nothing from the internet. It asks for the token itself (#token=).
  r.use("/ui", express.static(fromRoot("mock", "ui"), { index: "index.html", fallthrough: false }));

  // The live request log, as Server-Sent Events.
  r.get("/events", (req: Request, res: Response) => {
    if (!authorized(req))
      return void send(
        res,
        failure(
          res.locals.requestId as string,
          401,
          "unauthorized",
          "token",
          "required",
          "this control API needs its token",
        ),
      );
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache", Connection: "keep-alive" });
    res.write(": connected\n\n");
    // Backpressure: a subscriber that stops reading is cut off once this much is queued for it.
    const cut = () => {
      stop();
      clearInterval(beat);
      res.destroy();
    };
    const stop = o.log.subscribe((e) => {
      if (res.writableLength > MAX_QUEUED_EVENT_BYTES) return cut();
      res.write(`event: request\ndata: ${JSON.stringify({ ...e, time: new Date(e.at).toISOString() })}\n\n`);
    });
    const beat = setInterval(() => res.write(": beat\n\n"), 15_000);
    req.on("close", cut);
  });

  const route =
    (fn: (req: Request) => unknown) =>
    async (req: Request, res: Response): Promise<void> => {
      const id = res.locals.requestId as string;
      try {
        if (!authorized(req))
          return send(
            res,
            failure(id, 401, "unauthorized", "X-Mock-Control-Token", "required", "this control API needs its token"),
          );
        send(res, success(id, await fn(req)));
      } catch (err) {
        if (err instanceof BadInput)
          return send(res, failure(id, 400, "parameter_validation_failed", err.field, "invalid", err.message));
        if (err instanceof DomainError)
          return send(res, failure(id, statusOf(err.code), err.code, err.field, err.tag, err.message));
        throw err;
      }
    };
  const accountOf = (req: Request) => {
    const clientId = String(req.params.clientId ?? service.demoClientId);
    return (
      service.account(clientId) ??
      (() => {
        throw new DomainError("resource_not_found", "clientId", "not_found", `no account ${clientId}`);
      })()
    );
  };
  const credentials = (a: { clientId: string; clientSecret: string }) => ({
    clientId: a.clientId,
    clientSecret: a.clientSecret,
  });

  r.get(
    "/health",
    route(() => {
      const m = process.memoryUsage();
      const mb = (n: number) => Math.round(n / 2 ** 20);
      return {
        ok: true,
        mock: MOCK_MARKER,
        memoryMb: { rss: mb(m.rss), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal) },
      };
    }),
  );
  r.post(
    "/reset",
    route(async () => credentials(await service.reset())),
  );
  r.get(
    "/accounts",
    route(() =>
      service.accounts().map((a) => ({
        clientId: a.clientId,
        username: a.username,
        orders: a.orders.length,
        instances: a.instances.length,
      })),
    ),
  );
  r.post(
    "/accounts",
    route(async () => {
      const a = await service.createAccount();
      return { ...credentials(a), username: a.username };
    }),
  );
  r.get(
    "/accounts/:clientId",
    route((req) => service.accountState(accountOf(req))),
  );
  const advance = route(async (req) => {
    const a = accountOf(req);
    const body = parseJsonBody(req);
    const seconds = number(body.seconds, "seconds", 0, 10 * 365 * 24 * 3600);
    const now = await service.advanceClock(a.clientId, seconds);
    return { clientId: a.clientId, now: new Date(now).toISOString() };
  });
  r.post("/accounts/:clientId/clock/advance", advance);
  r.post("/clock/advance", advance);
  r.get(
    "/faults",
    route(() => o.faults.list()),
  );
  r.post(
    "/faults",
    route((req) => o.faults.add(faultSpec(parseJsonBody(req)))),
  );
  r.delete(
    "/faults",
    route(() => ({ cleared: o.faults.clear() })),
  );
  r.get(
    "/requests",
    route(() => o.log.recent()),
  );
  return r;
}
