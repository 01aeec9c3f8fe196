// The mock on a port: the service (in memory or on a state file), the app, a node:http server with deadlines
// for slow clients, and a close() that leaves no handle open. The CLI and startMock() both start it here.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp, DEFAULT_BODY_LIMIT, type AppOptions, type MockApp } from "./app.ts";
import { createService, DEMO_CREDENTIALS } from "./create.ts";
import { DEFAULT_ACCOUNT_TTL_MS, type Credentials, type MockService, type ReferenceField } from "./domain/service.ts";
import type { Journal } from "./journal.ts";
import { openDurableService } from "./state.ts";

export interface ServeOptions extends AppOptions {
  host?: string;
  port?: number;
  seedPath?: string;
  demo?: Credentials;
  stateFile?: string;
  compactBytes?: number;
  maxAccounts?: number;
  accountTtlMs?: number;
  referenceField?: ReferenceField;
  headersTimeout?: number;
  requestTimeout?: number;
}

export interface Serving {
  server: Server;
  url: string;
  service: MockService;
  mock: MockApp;
  journal?: Journal;
  /** Records replayed from the state file, and bytes of a torn tail cut off. */
  replayed?: number;
  droppedTail?: number;
  close(): Promise<void>;
}

export const isLoopback = (host: string) => /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/.test(host);

export async function serve(options: ServeOptions = {}): Promise<Serving> {
  const host = options.host ?? "127.0.0.1";
  const demo = options.demo ?? DEMO_CREDENTIALS;
  let service: MockService;
  let journal: Journal | undefined;
  let replayed: number | undefined;
  let droppedTail: number | undefined;
  if (options.stateFile) {
    const opened = await openDurableService(options.stateFile, {
      seedPath: options.seedPath,
      demo,
      compactBytes: options.compactBytes,
      maxAccounts: options.maxAccounts,
      accountTtlMs: options.accountTtlMs,
      referenceField: options.referenceField,
    });
    ({ service, journal, replayed, droppedTail } = opened);
  } else {
    service = createService({
      seedPath: options.seedPath,
      demo,
      maxAccounts: options.maxAccounts,
      accountTtlMs: options.accountTtlMs,
      referenceField: options.referenceField,
    });
    await service.seedDemo();
  }
  const mock = createApp(service, {
    ...options,
    host,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // The control API can reset and read every account: off by default where others can reach the mock.
    control: options.control ?? (isLoopback(host) || Boolean(options.controlToken)),
  });
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
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4000, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`;
  // Idle isolated accounts go, checked at a tenth of their time to live (at least every minute).
  const sweepMs = Math.min(60_000, Math.max(1000, (options.accountTtlMs ?? DEFAULT_ACCOUNT_TTL_MS) / 10));
  const sweep = setInterval(() => void service.expireIdle().catch(() => undefined), sweepMs);
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
  const out: Serving = { server, url, service, mock, close };
  if (journal) out.journal = journal;
  if (replayed !== undefined) out.replayed = replayed;
  if (droppedTail) out.droppedTail = droppedTail;
  return out;
}
