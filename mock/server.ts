// The mock on a port: composeMock's app behind a node:http server with deadlines for slow clients, and a
// close() that leaves no handle open. The CLI and startMock() both start it here.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { composeMock, type ComposedMock } from "./compose.ts";
import { DEFAULT_ACCOUNT_TTL_MS } from "./domain/service.ts";
import { DEFAULT_PORT, type MockOptions } from "./options.ts";

export interface Serving extends ComposedMock {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Listens, or rejects (and closes the state file) when the address cannot be bound. */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

export async function serve(options: MockOptions = {}): Promise<Serving> {
  const composed = await composeMock(options);
  const { service, mock, journal, host } = composed;
  const headersTimeout = options.headersTimeout ?? 10_000;
  // A slow or silent client cannot hold a connection: its headers and its whole request have deadlines,
  // checked every second (Node's default check is every 30 s).
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(options.requestTimeout ?? 30_000, headersTimeout),
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: 1_000,
    },
    mock.handler,
  );
  try {
    await listen(server, options.port ?? DEFAULT_PORT, host);
  } catch (err) {
    await journal?.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`;
  // Idle isolated accounts go, checked at a tenth of their time to live (at least every minute).
  const ttlMs = options.accountTtlSeconds === undefined ? DEFAULT_ACCOUNT_TTL_MS : options.accountTtlSeconds * 1000;
  const sweep = setInterval(
    () => void service.expireIdle().catch(() => undefined),
    Math.min(60_000, Math.max(1000, ttlMs / 10)),
  );
  sweep.unref();
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(sweep);
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      // Live-log subscribers and slow clients are not idle: give answers in flight a moment, then cut.
      const force = setTimeout(() => server.closeAllConnections(), 1000);
      force.unref();
      await closed;
      clearTimeout(force);
      await journal?.close();
    })());
  return { ...composed, server, url, close };
}
