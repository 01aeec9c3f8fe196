// The one way a mock is built: seed -> service (in memory, or replayed from and journalled to a state file) ->
// app. The CLI and startMock (through serve), createMockApp and the MSW handlers all start here.
import { createApp, DEFAULT_BODY_LIMIT, type MockApp } from "./app.ts";
import { createService } from "./create.ts";
import { DEMO_CREDENTIALS } from "./demo.ts";
import type { Credentials, MockService } from "./domain/service.ts";
import type { Journal } from "./journal.ts";
import { DEFAULT_HOST, isLoopback } from "./options.ts";
import type { MockOptions } from "./options.ts";
import { openDurableService } from "./state.ts";

export interface ComposedMock {
  service: MockService;
  mock: MockApp;
  demo: Credentials;
  /** The address the app answers to (the control API's Host check). */
  host: string;
  /** Whether the control API is served. */
  control: boolean;
  journal?: Journal;
  /** Records replayed from the state file, and bytes of a torn tail cut off. */
  replayed?: number;
  droppedTail?: number;
}

type Durable = Pick<ComposedMock, "service" | "journal" | "replayed" | "droppedTail">;

/** The service alone: in memory with the demo account seeded, or replayed from the state file. */
async function openService(options: MockOptions, demo: Credentials): Promise<Durable> {
  const serviceOptions = {
    seedPath: options.seed,
    demo,
    maxAccounts: options.maxAccounts,
    accountTtlMs: options.accountTtlSeconds === undefined ? undefined : options.accountTtlSeconds * 1000,
    // The defaults of the limits (200,000 orders, 16 subscribers) live where they are enforced.
    maxOrdersPerAccount: options.maxOrdersPerAccount,
    referenceField: options.referenceField,
  };
  if (options.stateFile)
    return openDurableService(options.stateFile, { ...serviceOptions, compactBytes: options.compactBytes });
  const service = createService(serviceOptions);
  await service.seedDemo();
  return { service };
}

/** `liveLog: false` for the MSW handlers (no Server-Sent Events there). */
export async function composeMock(options: MockOptions = {}, mode: { liveLog?: false } = {}): Promise<ComposedMock> {
  const host = options.host ?? DEFAULT_HOST;
  const demo = {
    clientId: options.clientId ?? DEMO_CREDENTIALS.clientId,
    clientSecret: options.clientSecret ?? DEMO_CREDENTIALS.clientSecret,
  };
  const durable = await openService(options, demo);
  // The control API can reset and read every account: off by default where others can reach the mock.
  const control = options.control ?? (isLoopback(host) || Boolean(options.controlToken));
  const mock = createApp(durable.service, {
    quiet: options.quiet,
    strict: options.strict,
    control,
    controlToken: options.controlToken,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    logOut: options.logOut,
    host,
    extraHosts: options.extraHosts,
    errorHttpStatus: options.errorHttpStatus,
    maxSubscribers: options.maxSubscribers,
    liveLog: mode.liveLog,
  });
  return { ...durable, mock, demo, host, control };
}
