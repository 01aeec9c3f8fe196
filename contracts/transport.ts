// How a case reaches a target: an in-process Express app (supertest) or a base URL (fetch). Bodies are text
// both ways, so nothing on the wire is ever re-parsed lossily.
import request from "supertest";
import type { RequestListener } from "node:http";

export interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Received {
  status: number;
  contentType: string;
  text: string;
}

export type Transport = (req: Sent) => Promise<Received>;

export function inProcess(app: RequestListener): Transport {
  return async ({ method, path, headers, body }) => {
    let r = request(app)[method.toLowerCase() as "get" | "post"](path);
    for (const [k, v] of Object.entries(headers)) r = r.set(k, v);
    const res = body === undefined ? await r : await r.send(body);
    return { status: res.status, contentType: String(res.headers["content-type"] ?? ""), text: res.text };
  };
}

export function overHttp(baseUrl: string): Transport {
  const base = baseUrl.replace(/\/+$/, "");
  return async ({ method, path, headers, body }) => {
    const res = await fetch(`${base}${path}`, { method, headers, body });
    return { status: res.status, contentType: res.headers.get("content-type") ?? "", text: await res.text() };
  };
}
