// What keeps a web page the user happens to visit from driving the control API of a mock on their laptop:
// - a cross-origin request carries an Origin other than the mock's own: 403;
// - a DNS-rebinding page reaches us under its own host name: a Host other than the bound address, localhost or
//   127.0.0.1 gets 403 (unless a control token is set: a page cannot know it);
// - a non-GET request must be application/json, which no simple cross-site form or text/plain POST can send.
// curl and test code send no Origin; the page at /__mock/ui is same-origin. Both keep working.
import type { IncomingMessage } from "node:http";

export interface Refusal {
  status: 403 | 415;
  code: "forbidden" | "unsupported_media_type";
  field: string;
  reason: string;
}

export interface GuardOptions {
  /** The address the server is bound to (as given to --host). */
  host: string;
  /** Host names (without port) accepted beside the bound address, localhost and 127.0.0.1 (the MSW base URL). */
  extraHosts?: string[];
  /** With a control token, the Host check is not needed: a rebinding page cannot send the token. */
  tokenRequired: boolean;
}

const hostName = (hostHeader: string) =>
  hostHeader
    .replace(/:\d+$/, "")
    .replace(/^\[(.*)\]$/, "$1")
    .toLowerCase();

export function controlGuard(o: GuardOptions): (req: IncomingMessage) => Refusal | undefined {
  const allowed = new Set(["localhost", "127.0.0.1", "::1", hostName(o.host), ...(o.extraHosts ?? []).map(hostName)]);
  return (req) => {
    const host = req.headers.host ?? "";
    if (!o.tokenRequired && !allowed.has(hostName(host)))
      return {
        status: 403,
        code: "forbidden",
        field: "Host",
        reason: `${host || "(none)"} is not this mock's address; the control API answers to ${[...allowed].join(", ")} only (DNS rebinding)`,
      };
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}` && origin !== `https://${host}`)
      return {
        status: 403,
        code: "forbidden",
        field: "Origin",
        reason: `${origin} is not this mock's origin; the control API does not take cross-origin requests`,
      };
    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (req.method !== "GET" && req.method !== "HEAD" && type !== "application/json")
      return {
        status: 415,
        code: "unsupported_media_type",
        field: "Content-Type",
        reason: `must be application/json on ${req.method} (send {} when there is nothing to say)`,
      };
    return undefined;
  };
}
