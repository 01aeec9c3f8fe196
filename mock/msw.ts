// `yeastar-partner-portal-kit/msw`: the stateful mock as MSW request handlers, so code that calls the vendor's
// real URL can be unit-tested without a port: setupServer(...partnerPortalHandlers()). Requests run through
// the same app (spec validation, domain, faults, control API) as the mock on a port, as HTTP bytes in this
// process (mock/inject.ts); bodies go as bytes, so IDs stay exact.
import { http, HttpResponse, type HttpHandler } from "msw";
import { composeMock } from "./compose.ts";
import { HungUp, injector, type InjectRequest, type InjectResponse } from "./inject.ts";
import type { MockOptions } from "./options.ts";

/** The vendor's production base URL, which the handlers answer by default. */
export const VENDOR_BASE_URL = "https://openapi.partner.yeastar.com";

export interface PartnerPortalHandlersOptions extends Omit<
  MockOptions,
  "port" | "host" | "stateFile" | "headersTimeout" | "requestTimeout" | "compactBytes"
> {
  /** The base URL to answer (default https://openapi.partner.yeastar.com). */
  baseUrl?: string;
}

// Hop-by-hop: they describe the in-process connection, not the answer.
const HOP = new Set(["connection", "keep-alive", "transfer-encoding"]);

/** MSW handlers for every request under baseUrl, the vendor API and the control API (/__mock) alike. The live
 * log (/__mock/events) answers 404 here: read GET /__mock/requests instead. */
export function partnerPortalHandlers(options: PartnerPortalHandlersOptions = {}): HttpHandler[] {
  const { baseUrl, ...rest } = options;
  const base = new URL(baseUrl ?? VENDOR_BASE_URL);
  const prefix = base.pathname.replace(/\/$/, "");
  const start = async () => {
    const extraHosts = [...(rest.extraHosts ?? []), base.hostname];
    const { mock } = await composeMock(
      { ...rest, extraHosts, quiet: rest.quiet ?? true, strict: rest.strict ?? true },
      { liveLog: false },
    );
    return injector(mock.handler);
  };
  // Built now, not on the first request: building takes seconds on a busy machine, which would count against
  // the first test's timeout. A failure surfaces on the first request.
  const send: Promise<(r: InjectRequest) => Promise<InjectResponse>> = start();
  send.catch(() => undefined);
  return [
    http.all(`${base.origin}${prefix}/*`, async ({ request }) => {
      const inject = await send;
      const url = new URL(request.url);
      const body = ["GET", "HEAD"].includes(request.method) ? undefined : Buffer.from(await request.arrayBuffer());
      const headers = Object.fromEntries(request.headers);
      // What fetch adds on the wire, which MSW sees before it does (so a port and MSW answer alike).
      headers.host ??= url.host;
      headers["user-agent"] ??= "node";
      try {
        const res = await inject({
          method: request.method,
          path: url.pathname.slice(prefix.length) + url.search,
          headers,
          ...(body ? { body } : {}),
        });
        const out = new Headers();
        for (const [k, v] of res.headers) if (!HOP.has(k)) out.append(k, v);
        const nobody = request.method === "HEAD" || res.status === 204 || res.status === 304;
        return new HttpResponse(nobody ? null : res.body, { status: res.status, headers: out });
      } catch (err) {
        // A "drop" or "lose-response" fault: no answer at all, which MSW turns into a network error.
        if (err instanceof HungUp) return HttpResponse.error();
        throw err;
      }
    }),
  ];
}
