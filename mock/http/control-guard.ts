// What keeps a web page the user happens to visit from driving the control API of a mock on their laptop:
// - a cross-origin request carries an Origin other than the mock's own: 403;
// - a DNS-rebinding page reaches us under its own host name: a Host other than the bound address, localhost or
//   127.0.0.1 gets 403 (unless a control token is set: a page cannot know it);
// - a non-GET request must be application/json, which no simple cross-site form or text/plain POST can send.
// curl and test code send no Origin; the page at /__mock/ui is same-origin. Both keep working.
import type { IncomingMessage } from "node:http";
import { safeEqual } from "../domain/service.ts";
import type { Target } from "./target.ts";

export interface Refusal {
  code: "forbidden" | "unsupported_media_type" | "unauthorized";
  field: string;
  reason: string;
}

export interface GuardOptions {
  /** The address the server is bound to (as given to --host). */
  host: string;
  /** Host names (without port) accepted beside the bound address, localhost and 127.0.0.1 (the MSW base URL). */
  extraHosts?: string[];
  /** Required as X-Mock-Control-Token (or ?token=, for EventSource); then the Host check is not needed. */
  token?: string | undefined;
}

const hostName = (hostHeader: string) =>
  hostHeader
    .replace(/:\d+$/, "")
    .replace(/^\[(.*)\]$/, "$1")
    .toLowerCase();

/**
 * A request path as any router might read it: percent escapes decoded (repeatedly, so %255F too), lower case,
 * backslashes as slashes, duplicate slashes and dot segments resolved. Express mounts /__mock ignoring case.
 */
export function normalisedPath(url: string): string {
  let path = url.split(/[?#]/, 1)[0]!;
  for (let i = 0; i < 4 && path.includes("%"); i++)
    path = path.replace(/%([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const out: string[] = [];
  for (const seg of path.toLowerCase().replace(/\\/g, "/").split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return `/${out.join("/")}`;
}

/** Whether a request path is the control API's (and so must pass the guard), whatever its spelling. */
export const isControlPath = (requestPath: string): boolean => {
  const path = normalisedPath(requestPath);
  return path === "/__mock" || path.startsWith("/__mock/");
};

export function controlGuard(o: GuardOptions): (req: IncomingMessage, target: Target) => Refusal | undefined {
  const allowed = new Set(["localhost", "127.0.0.1", "::1", hostName(o.host), ...(o.extraHosts ?? []).map(hostName)]);
  const given = (v: unknown) => typeof v === "string" && safeEqual(v, o.token!);
  const foreign = (field: string, name: string): Refusal | undefined =>
    o.token || allowed.has(hostName(name))
      ? undefined
      : {
          code: "forbidden",
          field,
          reason: `${name || "(none)"} is not this mock's address; the control API answers to ${[...allowed].join(", ")} only (DNS rebinding)`,
        };
  return (req, target) => {
    if (o.token) {
      const query = new URL(req.url ?? "/", "http://x").searchParams.get("token");
      if (!given(req.headers["x-mock-control-token"]) && !given(query))
        return {
          code: "unauthorized",
          field: "X-Mock-Control-Token",
          reason: "is required: this control API was started with a control token",
        };
    }
    const host = req.headers.host ?? "";
    // An absolute-form target names the host the request is for (RFC 9112 3.2.2): it must pass as Host does.
    const refused =
      foreign("Host", host) ??
      (target.authority === undefined ? undefined : foreign("request target", target.authority));
    if (refused) return refused;
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}` && origin !== `https://${host}`)
      return {
        code: "forbidden",
        field: "Origin",
        reason: `${origin} is not this mock's origin; the control API does not take cross-origin requests`,
      };
    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (req.method !== "GET" && req.method !== "HEAD" && type !== "application/json")
      return {
        code: "unsupported_media_type",
        field: "Content-Type",
        reason: `must be application/json on ${req.method} (send {} when there is nothing to say)`,
      };
    return undefined;
  };
}
