// Source files of the consumer projects test/package.test.ts sets up beside the installed tarball. They are
// strings, not files, so this repository's own tsc, eslint and vitest never take them for its own.

/** A CommonJS project tested the way most are: Jest 30, ts-jest preset, nothing else configured. */
export const JEST_PROJECT: Record<string, string> = {
  "package.json": JSON.stringify({ name: "jest-consumer", private: true, type: "commonjs" }),
  "jest.config.js": `module.exports = { preset: "ts-jest" };\n`,
  "tsconfig.json": JSON.stringify({
    compilerOptions: { strict: true, module: "commonjs", target: "es2022", types: ["jest", "node"] },
  }),
  "order.test.ts": `import { createPartnerPortalClient } from "yeastar-partner-portal-kit";
import { startMock, type MockHandle } from "yeastar-partner-portal-kit/mock";

let mock: MockHandle;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(() => mock.close());

test("gets a token and places the tutorial's order: 50 Ultimate Plan extensions", async () => {
  const client = createPartnerPortalClient({ baseUrl: mock.url, clientId: mock.clientId, clientSecret: mock.clientSecret });
  expect((await client.tokens.accessToken()).split(".")).toHaveLength(3);
  const order = await client.createOrder({
    operationType: "purchase_service",
    productId: 14,
    billingId: 3197218168379846218n,
    serviceList: [{ connectionPlanId: 3048941892189077504n, serviceType: "service", serviceId: 3049032137219817472n,
      quantity: 50, purchaseType: "purchase", billingModel: "recurring", billingCycle: "annually", multiCycle: 0 }],
  });
  expect(order).toMatchObject({ orderNo: "GQ3401181709772259328", orderStatus: "succeed", instanceId: "1948832" });
});
`,
};

/**
 * Imports every export and proves the public types: no \`Pick\` (TypeScript's own stays usable), error codes
 * from the spec that narrow, a misspelt code rejected, a code the spec does not list still accepted.
 * Compiled as CommonJS (node16, node10) and as ESM (nodenext, bundler).
 */
export const TYPES_CONSUMER = `import * as kit from "yeastar-partner-portal-kit";
import { isPartnerPortalError, PartnerPortalError, type PartnerPortalErrorCode } from "yeastar-partner-portal-kit";
import { startMock, type MockHandle } from "yeastar-partner-portal-kit/mock";
import { partnerPortalHandlers } from "yeastar-partner-portal-kit/msw";

export const started: Promise<MockHandle> = startMock({ port: 0 });
export const handlers = partnerPortalHandlers({ baseUrl: "https://example.test" });
export const client = kit.createPartnerPortalClient({ baseUrl: "http://x.test", clientId: "i", clientSecret: "s" });

// @ts-expect-error the kit exports no Pick any more
export type Gone = kit.Pick;
export type Builtin = Pick<{ a: 1; b: 2 }, "a">;
export const byName: kit.Choice = { name: "Ultimate Plan" };

export function explain(e: unknown): string {
  if (isPartnerPortalError(e, "instance_not_found", "instance_expired")) {
    const code: "instance_not_found" | "instance_expired" = e.code;
    return code;
  }
  // @ts-expect-error a misspelt code is a type error
  if (isPartnerPortalError(e, "instance_not_fund")) return "never";
  if (e instanceof PartnerPortalError) {
    const listed: kit.ErrorCode = "instance_not_found";
    const later: PartnerPortalErrorCode = "a_code_the_spec_does_not_list_yet";
    if (e.code === listed) return e.detailMessage;
    return later;
  }
  return "";
}
`;
