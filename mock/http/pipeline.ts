// What every vendor operation does around its handler, on plain node:http: User-Agent, bearer token,
// query/path/body validation against the compiled spec, fault injection, the envelope, and (strict mode)
// response validation. The Express app and the CLI's server both call it through the dispatcher.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseQuery, type ParsedUrlQuery } from "node:querystring";
import { describeFault } from "../../openapi/validator.ts";
import { coerceParams, type Operation } from "../../openapi/operations.ts";
import { DomainError, type MockService } from "../domain/service.ts";
import type { Account } from "../domain/types.ts";
import { FAULT_BEHAVIOUR, type FaultActions, type Faults } from "../faults.ts";
import { readBody } from "./body.ts";
import { failure, send, success, type Envelope } from "./envelope.ts";
import type { ErrorCode } from "./codes.ts";
import { exchangeOf, hangUp } from "./exchange.ts";

export interface Call {
  account?: Account;
  query: Record<string, unknown>;
  params: Record<string, unknown>;
  body: unknown;
  /** The body exactly as received (JSON or form text). */
  bodyText: string;
}

/**
 * A handler of a validated call. Declared as a method, whose parameter TypeScript checks both ways, so a handler
 * typed by its own operation (TypedHandlers) is one without a cast: the pipeline validated the call against the
 * same spec, so at run time its values are what that handler's types say.
 */
export type Handler = { handle(call: Call): unknown }["handle"];

export interface PipelineContext {
  service: MockService;
  /** Fault injection (vendor operations only). */
  faults?: Faults | undefined;
  statuses: Map<string, number>;
  strict: boolean;
  bodyLimit: number;
  /** 200: every error is answered with HTTP 200 (the envelope keeps its status); default: the HTTP status mirrors it. */
  errorHttpStatus?: 200 | undefined;
  /** Strict-mode mismatches, for tests to assert on; also printed to stderr. */
  violations: string[];
}

/**
 * The query as node:querystring parses it; the common case (nothing escaped) without it, as its parse was the
 * largest single cost of a GET.
 */
export function parseSearch(search: string): ParsedUrlQuery {
  if (search.includes("%") || search.includes("+")) return parseQuery(search);
  // A plain object (one without a prototype is a slow dictionary); "__proto__" goes the long way.
  const out: ParsedUrlQuery = {};
  if (!search) return out;
  const pairs = search.split("&");
  if (pairs.length > 1000) return parseQuery(search); // its maxKeys
  for (const pair of pairs) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (key === "__proto__") return parseQuery(search);
    const value = eq < 0 ? "" : pair.slice(eq + 1);
    const seen = Object.hasOwn(out, key) ? out[key] : undefined;
    if (seen === undefined) out[key] = value;
    else if (typeof seen === "string") out[key] = [seen, value];
    else seen.push(value);
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function answer(ctx: PipelineContext, res: ServerResponse, op: Operation | undefined, env: Envelope): void {
  if (ctx.strict && op) {
    const validate = op.response(env.status);
    let problem = "";
    if (!validate) problem = `status ${env.status} is not declared`;
    else if (!validate(env)) {
      const f = describeFault(validate.errors);
      problem = `${f.field}: ${f.reason}`;
    }
    if (problem) {
      const msg = `strict mode: ${op.method} ${op.path} answered a response that breaks the spec (${problem})`;
      ctx.violations.push(msg);
      console.error(msg);
      env = failure(env.requestId, "internal_error", "", "strict", msg);
    }
  }
  send(res, env, ctx.errorHttpStatus);
}

export function refusal(ctx: PipelineContext, requestId: string, err: DomainError): Envelope {
  const reason = err.message.slice(err.field ? err.field.length + 2 : 0);
  return failure(requestId, err.code, err.field, err.tag, reason);
}

function authenticate(ctx: PipelineContext, header: string | undefined): Account {
  if (!header)
    throw new DomainError(
      "unauthorized",
      "Authorization",
      "required",
      "is required: send Authorization: Bearer {access_token}",
    );
  const scheme = BEARER.exec(header);
  const token = scheme ? header.slice(scheme[0].length) : "";
  // The token's characters are checked only when it is not one already verified: a whole-token pattern on
  // every request cost more than the rest of the token check.
  return ctx.service.authenticate(token, wellFormed);
}

const BEARER = /^Bearer +/i;
const TOKEN = /^[A-Za-z0-9._~+/=-]+$/;
function wellFormed(token: string): void {
  if (!TOKEN.test(token))
    throw new DomainError("invalid_token", "Authorization", "malformed", "must be Bearer followed by the access token");
}

export function operationRoute(ctx: PipelineContext, op: Operation, handler: Handler) {
  // Each header parameter's name as the spec spells it and as node:http keys it.
  const headerKeys = op.headerNames.map((name) => [name, name.toLowerCase()] as const);
  return async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    search: string,
    params: Record<string, string>,
  ): Promise<void> => {
    const ex = exchangeOf(res)!;
    const requestId = ex.requestId;
    ex.operationId = op.operationId;
    const fail = (code: ErrorCode, field: string, tag: string, reason: string, injectedStatus?: number) =>
      answer(ctx, res, op, failure(requestId, code, field, tag, reason, injectedStatus));
    try {
      if (op.headers) {
        // An empty header counts as absent.
        const sent: Record<string, unknown> = {};
        for (const [name, key] of headerKeys) {
          const v = req.headers[key];
          if (v !== undefined && v !== "") sent[name] = v;
        }
        if (!op.headers(sent)) {
          const f = describeFault(op.headers.errors);
          if (f.field === "User-Agent" && f.tag === "required")
            return fail("missing_user_agent", "User-Agent", "required", "header is required");
          return fail("parameter_validation_failed", f.field, f.tag, f.reason);
        }
      }
      const account = op.secured ? authenticate(ctx, req.headers.authorization) : undefined;
      ex.clientId = account?.clientId;

      // The texts as sent, so that an error quotes a number as sent, not as the double it became.
      const sentQuery = parseSearch(search);
      const query = coerceParams({ ...sentQuery }, op.integers);
      if (op.query && !op.query(query)) {
        const f = describeFault(op.query.errors, "", sentQuery);
        return fail("parameter_validation_failed", f.field, f.tag, f.reason);
      }
      const pathParams = coerceParams({ ...params }, op.integers);
      if (op.params && !op.params(pathParams)) {
        const f = describeFault(op.params.errors, "", params);
        return fail("parameter_validation_failed", f.field, f.tag, f.reason);
      }
      let body: unknown;
      let bodyText = "";
      if (op.bodies.size) {
        const read = await readBody(op, req, res, ctx.bodyLimit);
        if (!read.ok) return fail(read.code, read.field, read.tag, read.reason);
        ex.body = { text: read.text, type: read.type };
        const validate = op.bodies.get(read.type)!;
        if (!validate(read.value)) {
          const f = describeFault(validate.errors);
          return fail("parameter_validation_failed", f.field, f.tag, f.reason);
        }
        body = read.value;
        bodyText = read.text;
      }

      const fault = ctx.faults?.take({
        operationId: op.operationId,
        method: op.method,
        path,
        clientId: account?.clientId,
      });
      if (!fault)
        return answer(
          ctx,
          res,
          op,
          success(requestId, await handler({ account, query, params: pathParams, body, bodyText })),
        );
      const behaviour = FAULT_BEHAVIOUR[fault.kind];
      const act: FaultActions = {
        delay: async (ms) => void (await sleep(ms)),
        hangUp: () => hangUp(req, res),
        fail: (code, status, detailMessage) =>
          fail(
            code ?? ([...ctx.statuses].find(([, s]) => s === status)?.[0] as ErrorCode | undefined) ?? "internal_error",
            "",
            "injected",
            detailMessage,
            status,
          ),
      };
      if (await behaviour.before?.(fault, act)) return;
      const result = await handler({ account, query, params: pathParams, body, bodyText });
      if (behaviour.after?.(fault, act)) return;
      answer(ctx, res, op, success(requestId, result));
    } catch (err) {
      if (err instanceof DomainError) return answer(ctx, res, op, refusal(ctx, requestId, err));
      console.error(`[${requestId}] ${op.method} ${op.path} failed:`, err);
      fail("internal_error", "", "internal", "the mock failed to process this request; see its log");
    }
  };
}
