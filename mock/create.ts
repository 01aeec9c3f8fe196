// Builds a ready mock in memory: the seed, the service with its demo account, the app. Tests start here.
import { newSecret } from "./domain/tokens.ts";
import { MockService, type Credentials, type ReferenceField } from "./domain/service.ts";
import { createApp, type AppOptions, type MockApp } from "./app.ts";
import { compiledSpec } from "../openapi/compiled.ts";
import { loadSeed, DEFAULT_SEED_PATH } from "./seed/load.ts";
import { DEMO_CREDENTIALS } from "./demo.ts";

export { DEMO_CREDENTIALS } from "./demo.ts";

export interface MockOptions extends AppOptions {
  seedPath?: string;
  demo?: Credentials;
  jwtSecret?: string;
  maxAccounts?: number;
  accountTtlMs?: number;
  referenceField?: ReferenceField;
}

export function createService(options: Omit<MockOptions, keyof AppOptions> = {}): MockService {
  const seed = loadSeed(compiledSpec().ajv, options.seedPath ?? DEFAULT_SEED_PATH);
  return new MockService({
    seed,
    demo: options.demo ?? DEMO_CREDENTIALS,
    jwtSecret: options.jwtSecret ?? newSecret(),
    maxAccounts: options.maxAccounts,
    accountTtlMs: options.accountTtlMs,
    referenceField: options.referenceField,
  });
}

/** An in-memory mock with the demo account seeded. */
export async function createMock(options: MockOptions = {}): Promise<MockApp> {
  const service = createService(options);
  await service.seedDemo();
  return createApp(service, options);
}
