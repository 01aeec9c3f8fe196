// The service step of composeMock (seed -> service), and createMock, the in-memory mock the tests start from.
import { newSecret } from "./domain/tokens.ts";
import { MockService, type Credentials, type ReferenceField } from "./domain/service.ts";
import type { MockApp } from "./app.ts";
import { compiledSpec } from "../openapi/compiled.ts";
import { loadSeed, DEFAULT_SEED_PATH } from "./seed/load.ts";
import { DEMO_CREDENTIALS } from "./demo.ts";
import { composeMock } from "./compose.ts";
import type { MockOptions } from "./options.ts";

export { DEMO_CREDENTIALS } from "./demo.ts";

/** What the service itself is built from (composeMock derives it from MockOptions). */
export interface ServiceBuild {
  seedPath?: string;
  demo?: Credentials;
  jwtSecret?: string;
  maxAccounts?: number;
  accountTtlMs?: number;
  maxOrdersPerAccount?: number;
  referenceField?: ReferenceField;
}

export function createService(options: ServiceBuild = {}): MockService {
  const seed = loadSeed(compiledSpec().ajv, options.seedPath ?? DEFAULT_SEED_PATH);
  return new MockService({
    seed,
    demo: options.demo ?? DEMO_CREDENTIALS,
    jwtSecret: options.jwtSecret ?? newSecret(),
    maxAccounts: options.maxAccounts,
    accountTtlMs: options.accountTtlMs,
    referenceField: options.referenceField,
    maxOrdersPerAccount: options.maxOrdersPerAccount,
  });
}

/** An in-memory mock with the demo account seeded: composeMock without a state file. The tests' older spellings
 * seedPath and accountTtlMs are still taken. */
export async function createMock(
  options: Omit<MockOptions, "stateFile"> & { seedPath?: string; accountTtlMs?: number } = {},
): Promise<MockApp> {
  const { seedPath, accountTtlMs, ...rest } = options;
  const composed = await composeMock({
    ...rest,
    seed: rest.seed ?? seedPath,
    accountTtlSeconds: rest.accountTtlSeconds ?? (accountTtlMs === undefined ? undefined : accountTtlMs / 1000),
    // The tests' in-memory mock always serves the control API, whatever its host.
    control: rest.control ?? true,
  });
  return composed.mock;
}
