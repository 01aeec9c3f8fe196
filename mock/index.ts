// `yeastar-partner-portal-kit/mock`: the stateful mock inside your own tests.
//   const mock = await startMock({ port: 0, quiet: true });   ...   await mock.close();
import type { IncomingMessage, ServerResponse } from "node:http";
import { createApp } from "./app.ts";
import { createService } from "./create.ts";
import { DEMO_CREDENTIALS } from "./demo.ts";
import type { FaultKind, FaultSpec } from "./faults.ts";
import type { ErrorCode } from "./http/codes.ts";
import { serve } from "./server.ts";

export interface MockOptions {
  /** Port to listen on; 0 (the default here) picks a free one. */
  port?: number;
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  /** No request log (default true here: tests stay quiet). */
  quiet?: boolean;
  /** A seed file (JSON) instead of the default seed. */
  seed?: string;
  /** Keep state in this file across restarts. */
  stateFile?: string;
  /** Credentials of the demo account (default demo-client-id / demo-client-secret). */
  clientId?: string;
  clientSecret?: string;
  /** Validate every response against the spec; a mismatch answers 500 (default true here). */
  strict?: boolean;
  /** Serve the control API under /__mock (default: on for loopback). */
  control?: boolean;
  /** Require X-Mock-Control-Token on the control API. */
  controlToken?: string;
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
  /** "mirror" (default): errors carry their status as the HTTP status; 200: as HTTP 200 (the vendor's documented form). */
  errorHttpStatus?: "mirror" | 200;
  /** Most isolated accounts at once (default 1,000); more get 429. */
  maxAccounts?: number;
  /** An isolated account unused for this many seconds is removed (default 86,400). */
  accountTtlSeconds?: number;
  /** Where the order list shows an order's poNumber: "customReferenceNo" (default, assumed) or "none", to test a
   * client against a vendor that does not show it. */
  referenceField?: "customReferenceNo" | "none";
}

export interface Fault {
  kind: FaultKind;
  /** Match by operationId (e.g. createOrder), method and exact path, and account; all given must match. */
  operationId?: string;
  method?: string;
  path?: string;
  clientId?: string;
  /** How many matching requests it applies to (default 1). */
  count?: number;
  /** For kind "error": the HTTP status (default 500), code and detailMessage of the answer. */
  status?: number;
  code?: ErrorCode;
  detailMessage?: string;
  /** For kind "latency": the delay in milliseconds (default 1000). */
  latencyMs?: number;
}

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export interface MockHandle extends Credentials {
  /** Base URL, e.g. http://127.0.0.1:41234; pass it to createPartnerPortalClient as baseUrl. */
  url: string;
  /** Stops the server and closes the state file; afterwards no handle of the mock stays open. */
  close(): Promise<void>;
  /** Back to the seed: every account goes, the demo account comes back. */
  reset(): Promise<void>;
  /** A fresh isolated account, seeded like the demo one, with its own credentials. */
  createAccount(): Promise<Credentials>;
  /** Moves an account's clock forward (default the demo account); resolves to the account's new now. */
  advanceClock(seconds: number, clientId?: string): Promise<Date>;
  /** Arms a fault for the next matching requests; resolves to its ID. */
  injectFault(fault: Fault): Promise<string>;
  /** Disarms every fault. */
  clearFaults(): Promise<void>;
}

/** The public options in the internal shape, with this entry point's defaults (quiet, strict). */
function internal(options: MockOptions) {
  const demo = {
    clientId: options.clientId ?? DEMO_CREDENTIALS.clientId,
    clientSecret: options.clientSecret ?? DEMO_CREDENTIALS.clientSecret,
  };
  return {
    demo,
    seedPath: options.seed,
    quiet: options.quiet ?? true,
    strict: options.strict ?? true,
    control: options.control,
    controlToken: options.controlToken,
    bodyLimit: options.bodyLimit,
    errorHttpStatus: options.errorHttpStatus,
    maxAccounts: options.maxAccounts,
    accountTtlMs: options.accountTtlSeconds === undefined ? undefined : options.accountTtlSeconds * 1000,
    referenceField: options.referenceField,
  };
}

/** Starts the mock on a port of its own, in this process. */
export async function startMock(options: MockOptions = {}): Promise<MockHandle> {
  const common = internal(options);
  const { demo } = common;
  const serving = await serve({ ...common, port: options.port ?? 0, host: options.host, stateFile: options.stateFile });
  const { service, mock } = serving;
  return {
    url: serving.url,
    ...demo,
    close: serving.close,
    reset: async () => void (await service.reset()),
    createAccount: async () => {
      const a = await service.createAccount();
      return { clientId: a.clientId, clientSecret: a.clientSecret };
    },
    advanceClock: async (seconds, clientId = demo.clientId) => new Date(await service.advanceClock(clientId, seconds)),
    injectFault: async (fault) => mock.faults.add({ ...fault, count: fault.count ?? 1 } as FaultSpec).id,
    clearFaults: async () => void mock.faults.clear(),
  };
}

export interface MockAppHandle {
  /** The whole mock as a node:http request listener: http.createServer(app.handler), or supertest(app.handler). */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  clientId: string;
  clientSecret: string;
}

/** The mock as a request listener without a port (json-server's createApp, for supertest and your own server). */
export async function createMockApp(
  options: Omit<MockOptions, "port" | "host" | "stateFile"> & {
    /** Host names the control API also answers to. */ extraHosts?: string[];
  } = {},
): Promise<MockAppHandle> {
  const common = internal(options);
  const service = createService(common);
  await service.seedDemo();
  const app = createApp(service, { ...common, extraHosts: options.extraHosts });
  return { handler: app.handler, ...common.demo };
}

export { DEMO_CREDENTIALS };
