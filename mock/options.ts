// The one options type of the mock: the CLI's flags, startMock(), createMockApp() and partnerPortalHandlers()
// all take these fields (each entry point has its own defaults for port, quiet and strict; see composeMock).
// No imports from the domain: this type is public, and its declarations must not pull the mock's internals
// (and their dependencies' types) into a consumer's type check.

export interface MockOptions {
  /** Port to listen on; 0 picks a free one (default 0 in startMock, 4000 for the CLI). */
  port?: number;
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  /** No request log (default true in startMock/createMockApp, false for the CLI). */
  quiet?: boolean;
  /** A seed file (JSON) instead of the default seed. */
  seed?: string;
  /** Keep state in this file across restarts (only on a port: startMock and the CLI). */
  stateFile?: string;
  /** Compact the state file into a snapshot past this many bytes of records (default 64 MiB). */
  compactBytes?: number;
  /** Credentials of the demo account (default demo-client-id / demo-client-secret). */
  clientId?: string;
  clientSecret?: string;
  /** Validate every response against the spec; a mismatch answers 500 (default true in startMock). */
  strict?: boolean;
  /** Serve the control API under /__mock (default: on for a loopback address or with a control token). */
  control?: boolean;
  /** Require X-Mock-Control-Token on the control API. */
  controlToken?: string;
  /** Largest accepted request body, in bytes (default 64 KiB). */
  bodyLimit?: number;
  /** "mirror" (default): errors carry their status as the HTTP status; 200: as HTTP 200 (the vendor's documented form). */
  errorHttpStatus?: "mirror" | 200;
  /** Most isolated accounts at once (default 1,000); more get 429. */
  maxAccounts?: number;
  /** An isolated account unused for this many seconds is removed (default 86,400). */
  accountTtlSeconds?: number;
  /** Most orders one account keeps (default 200,000); more get 429. */
  maxOrdersPerAccount?: number;
  /** Most live-log (/__mock/events) subscribers at once (default 16); more get 429. */
  maxSubscribers?: number;
  /** Where the order list shows an order's poNumber: "customReferenceNo" (default, assumed) or "none", to test a
   * client against a vendor that does not show it. */
  referenceField?: "customReferenceNo" | "none";
  /** A client must send its headers within this many milliseconds (default 10,000; on a port only). */
  headersTimeout?: number;
  /** And its whole request within this many milliseconds (default 30,000; on a port only). */
  requestTimeout?: number;
  /** Host names the control API also answers to (the MSW handlers' base URL). */
  extraHosts?: string[];
  /** Where request log lines go (default stdout). */
  logOut?: (line: string) => void;
}

export const DEFAULT_PORT = 4000;
export const DEFAULT_HOST = "127.0.0.1";

export const isLoopback = (host: string) => /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/.test(host);
