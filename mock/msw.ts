// `yeastar-partner-portal-kit/msw`: the stateful mock as MSW request handlers, so code that calls the vendor's
// real URL can be unit-tested without a port: setupServer(...partnerPortalHandlers()). Requests run through
// the same app (spec validation, domain, faults) as the mock on a port; bodies go as text, so IDs stay exact.
import { http, HttpResponse, type HttpHandler } from "msw";
import inject from "light-my-request";
import { onHangUp } from "./http/exchange.ts";
import { createMockApp, type MockAppHandle, type MockOptions } from "./index.ts";

/** The vendor's production base URL, which the handlers answer by default. */
export const VENDOR_BASE_URL = "https://openapi.partner.yeastar.com";

export interface PartnerPortalHandlersOptions extends Omit<MockOptions, "port" | "host" | "stateFile"> {
  /** The base URL to answer (default https://openapi.partner.yeastar.com). */
  baseUrl?: string;
}

class HungUp extends Error {}

/** MSW handlers for every request under baseUrl, the vendor API and the control API (/__mock) alike. */
export function partnerPortalHandlers(options: PartnerPortalHandlersOptions = {}): HttpHandler[] {
  const base = new URL(options.baseUrl ?? VENDOR_BASE_URL);
  const prefix = base.pathname.replace(/\/$/, "");
  let app: Promise<MockAppHandle> | undefined;
  return [
    http.all(`${base.origin}${prefix}/*`, async ({ request }) => {
      const mock = await (app ??= createMockApp({ ...options, extraHosts: [base.hostname] }));
      const url = new URL(request.url);
      const body = ["GET", "HEAD"].includes(request.method) ? undefined : Buffer.from(await request.arrayBuffer());
      try {
        const res = await new Promise<inject.Response>((resolve, reject) => {
          inject(
            (req, res) => {
              // A "drop" or "lose-response" fault: no answer at all, which MSW turns into a network error.
              onHangUp(res, () => reject(new HungUp()));
              mock.handler(req, res);
            },
            {
              method: request.method as inject.InjectOptions["method"],
              url: url.pathname.slice(prefix.length) + url.search,
              headers: Object.fromEntries(request.headers),
              ...(body ? { payload: body } : {}),
            },
          ).then(resolve, reject);
        });
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : String(v));
        return new HttpResponse(res.rawPayload, { status: res.statusCode, headers });
      } catch (err) {
        if (err instanceof HungUp) return HttpResponse.error();
        throw err;
      }
    }),
  ];
}
