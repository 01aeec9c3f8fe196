// `yeastar-partner-portal-kit/mock`: the stateful mock inside your own tests.
//   const mock = await startMock({ port: 0, quiet: true });   ...   await mock.close();
import type { IncomingMessage, ServerResponse } from "node:http";
import { composeMock, type ComposedMock } from "./compose.ts";
import { DEMO_CREDENTIALS } from "./demo.ts";
import { controlMethods, type ControlMethods, type Credentials } from "./handle.ts";
import { injector } from "./inject.ts";
import type { MockOptions } from "./options.ts";
import { serve } from "./server.ts";

export type { MockOptions } from "./options.ts";
export {
  MockControlError,
  type AccountState,
  type ArmedFault,
  type ControlMethods,
  type Credentials,
  type Fault,
  type FaultKind,
  type LogEntry,
  type OperationId,
  type PaymentMode,
  type RequestFilter,
  type SettleOutcome,
} from "./handle.ts";

/** The control methods of a composed mock: in-process requests to its own control API. */
function controlOf(m: Pick<ComposedMock, "mock" | "demo">, token: string | undefined): ControlMethods {
  return controlMethods({ send: injector(m.mock.handler), host: "localhost", token, demoClientId: m.demo.clientId });
}

export interface MockHandle extends Credentials, ControlMethods {
  /** Base URL, e.g. http://127.0.0.1:41234; pass it to createPartnerPortalClient as baseUrl. */
  url: string;
  /** Stops the server and closes the state file; afterwards no handle of the mock stays open. */
  close(): Promise<void>;
}

/** Starts the mock on a port of its own, in this process (quiet and strict unless told otherwise). Its control
 * methods go to the mock's own control API in-process, so they validate exactly as /__mock does; with
 * `control: false` they reject, as the control API is off. */
export async function startMock(options: MockOptions = {}): Promise<MockHandle> {
  const serving = await serve({
    ...options,
    port: options.port ?? 0,
    quiet: options.quiet ?? true,
    strict: options.strict ?? true,
  });
  return { url: serving.url, ...serving.demo, close: serving.close, ...controlOf(serving, options.controlToken) };
}

export interface MockAppHandle extends Credentials, ControlMethods {
  /** The whole mock as a node:http request listener: http.createServer(app.handler), or supertest(app.handler). */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** The mock as a request listener without a port (json-server's createApp, for supertest and your own server),
 * with the same control methods as startMock's handle. */
export async function createMockApp(
  options: Omit<MockOptions, "port" | "stateFile" | "headersTimeout" | "requestTimeout" | "compactBytes"> = {},
): Promise<MockAppHandle> {
  const { mock, demo } = await composeMock({
    ...options,
    quiet: options.quiet ?? true,
    strict: options.strict ?? true,
  });
  return { handler: mock.handler, ...demo, ...controlOf({ mock, demo }, options.controlToken) };
}

export { DEMO_CREDENTIALS };
