// One HTTP exchange with a request listener in this process, without a port: the request goes as HTTP/1.1 bytes
// into one end of a stream pair that a node:http server reads, and the answer's bytes are parsed back. So the
// app sees real IncomingMessage/ServerResponse objects, as on a port (light-my-request's fake response lost
// every body Express wrote, as Express swaps the response's prototype).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { duplexPair, type Duplex } from "node:stream";
import { onHangUp } from "./http/exchange.ts";

export interface InjectRequest {
  method: string;
  /** Path and query, e.g. /__mock/requests?status=200 */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export interface InjectResponse {
  status: number;
  /** As sent, in order (names lower-cased). */
  headers: Array<[string, string]>;
  body: Buffer;
}

/** The listener gave no answer at all (a "drop" or "lose-response" fault). */
export class HungUp extends Error {
  override readonly name = "HungUp";
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export function injector(listener: Listener): (request: InjectRequest) => Promise<InjectResponse> {
  const hangUps = new WeakMap<object, () => void>();
  const server = createServer((req, res) => {
    const hang = hangUps.get(req.socket);
    if (hang) onHangUp(res, hang);
    listener(req, res);
  });
  return (request) =>
    new Promise<InjectResponse>((resolve, reject) => {
      const [client, side] = duplexPair();
      const chunks: Buffer[] = [];
      let settled = false;
      const settle = (hungUp: boolean) => {
        if (settled) return;
        settled = true;
        client.destroy();
        side.destroy();
        const answer = hungUp ? undefined : parseResponse(Buffer.concat(chunks), request.method === "HEAD");
        if (answer) resolve(answer);
        else reject(new HungUp(`no answer to ${request.method} ${request.path}`));
      };
      hangUps.set(side, () => settle(true));
      client.on("data", (d: Buffer) => chunks.push(d));
      client.once("end", () => settle(false));
      // The server cut the connection (a timeout, an unreadable request): whatever arrived is the answer.
      side.once("close", () => settle(false));
      server.emit("connection", side);
      writeRequest(client, request);
    });
}

function writeRequest(socket: Duplex, r: InjectRequest): void {
  const body = r.body === undefined ? undefined : Buffer.from(r.body);
  const headers = Object.entries(r.headers ?? {}).filter(
    ([k]) => !["connection", "content-length", "transfer-encoding", "keep-alive"].includes(k.toLowerCase()),
  );
  if (!headers.some(([k]) => k.toLowerCase() === "host")) headers.unshift(["host", "localhost"]);
  // One exchange per connection: the server ends it after the answer, which tells us the answer is whole.
  headers.push(["connection", "close"]);
  if (body) headers.push(["content-length", String(body.length)]);
  const head = `${r.method} ${r.path} HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`;
  socket.write(body ? Buffer.concat([Buffer.from(head, "latin1"), body]) : Buffer.from(head, "latin1"));
}

/** An HTTP/1.1 answer read to the end of the connection; undefined when its head never arrived. */
export function parseResponse(bytes: Buffer, head = false): InjectResponse | undefined {
  const end = bytes.indexOf("\r\n\r\n");
  if (end < 0) return undefined;
  const [statusLine = "", ...lines] = bytes.subarray(0, end).toString("latin1").split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (!status) return undefined;
  const headers = lines.map((l): [string, string] => {
    const colon = l.indexOf(":");
    return [l.slice(0, colon).trim().toLowerCase(), l.slice(colon + 1).trim()];
  });
  const raw = bytes.subarray(end + 4);
  const chunked = headers.some(([k, v]) => k === "transfer-encoding" && /chunked/i.test(v));
  const body = head || status === 204 || status === 304 ? Buffer.alloc(0) : chunked ? unchunk(raw) : raw;
  return { status, headers, body };
}

function unchunk(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = raw.indexOf("\r\n", at);
    if (eol < 0) break;
    const size = parseInt(raw.subarray(at, eol).toString("latin1"), 16);
    if (!size) break;
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
