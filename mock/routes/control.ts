// The control API under /__mock, described by openapi/mock-control.yaml: its JSON operations run through the
// same compiled pipeline as the vendor's (validation, envelope, strict responses), with handlers typed from
// the generated types. The page and the live log (Server-Sent Events) are in pages.ts.
import { refuse } from "../domain/errors.ts";
import type { MockService } from "../domain/service.ts";
import type { Account } from "../domain/types.ts";
import type { Faults } from "../faults.ts";
import type { ErrorCode } from "../http/codes.ts";
import type { RequestFilter, RequestLog } from "../http/log.ts";
import type { TypedHandlers } from "../http/typed.ts";
import { compiledControlSpec, compiledSpec } from "../../openapi/compiled.ts";
import type { operations } from "../../openapi/generated/mock-control.ts";

/** Lets a test runner recognise a mock of this project (and so lift the billing guard). */
export const MOCK_MARKER = "yeastar-partner-portal-mock";
/** What a live-log subscriber may have queued before it is cut off. */
export const MAX_QUEUED_EVENT_BYTES = 256 * 1024;
/** Live-log subscribers at once, unless the app says otherwise. */
export const DEFAULT_MAX_SUBSCRIBERS = 16;

export type ControlOperations = Omit<operations, "events">;

export function controlHandlers(
  service: MockService,
  faults: Faults,
  log: RequestLog,
): TypedHandlers<ControlOperations> {
  const credentials = (a: Account) => ({ clientId: a.clientId, clientSecret: a.clientSecret, username: a.username });
  // The service refuses an unknown clientId itself (404 naming clientId).
  const advance = async (clientId: string, seconds: number) => {
    const now = await service.advanceClock(clientId, seconds);
    return { clientId, now: new Date(now).toISOString() };
  };
  return {
    health: () => {
      const m = process.memoryUsage();
      const mb = (n: number) => Math.round(n / 2 ** 20);
      return {
        ok: true,
        mock: MOCK_MARKER,
        memoryMb: { rss: mb(m.rss), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal) },
      };
    },
    reset: async () => credentials(await service.reset()),
    listAccounts: () =>
      service.accounts().map((a) => ({
        clientId: a.clientId,
        username: a.username,
        orders: a.orders.length,
        instances: a.instances.length,
      })),
    createAccount: async () => credentials(await service.createAccount()),
    getAccount: ({ params }) => ({
      ...service.accountState(service.requireAccount(params.clientId)),
      names: catalogNames(service),
    }),
    advanceClock: ({ params, body }) => advance(params.clientId, body.seconds),
    advanceDemoClock: ({ body }) => advance(service.demoClientId, body.seconds),
    setPaymentMode: async ({ params, body }) => {
      await service.setPaymentMode(params.clientId, body.mode);
      return { clientId: params.clientId, mode: body.mode };
    },
    settleOrder: async ({ params, body }) => {
      const order = await service.settleOrder(params.clientId, params.orderNo, body.outcome);
      return { orderNo: order.orderNo, status: body.outcome };
    },
    listFaults: () => faults.list(),
    injectFault: ({ body }) => {
      if (body.clientId !== undefined) service.requireAccount(body.clientId);
      if (body.code !== undefined && !compiledSpec().statuses.has(body.code))
        refuse("parameter_validation_failed", "code", "enum", `${body.code} is not an error code of the vendor API`);
      return faults.add({ ...body, code: body.code as ErrorCode | undefined, count: body.count ?? 1 });
    },
    clearFaults: () => ({ cleared: faults.clear() }),
    listRequests: ({ query }) => log.recent(knownFilter(query)),
  };
}

/** Plan and service names by ID, from the catalog (it never changes, so it is read once per service). */
const names = new WeakMap<MockService, Record<string, string>>();
function catalogNames(service: MockService): Record<string, string> {
  let out = names.get(service);
  if (out) return out;
  out = {};
  for (const product of service.catalog.values()) {
    for (const plan of product.planList) {
      out[plan.planId] = plan.name;
      for (const s of plan.serviceList) out[s.serviceId] = s.name;
    }
    for (const s of product.serviceList) out[s.serviceId] ??= s.name;
  }
  names.set(service, out);
  return out;
}

/** The spec's filters of /__mock/requests (and the guard's ?token=); another query key is refused, naming it. */
let filterNames: Set<string> | undefined;
function knownFilter(query: RequestFilter): RequestFilter {
  filterNames ??= new Set([
    "token",
    ...(
      (compiledControlSpec().spec.paths["/__mock/requests"] as { get: { parameters: Array<{ name: string }> } }).get
        .parameters ?? []
    ).map((p) => p.name),
  ]);
  for (const key of Object.keys(query))
    if (!filterNames.has(key))
      refuse(
        "parameter_validation_failed",
        key,
        "unknown",
        `is not a filter of the request log; use ${[...filterNames].filter((n) => n !== "token").join(", ")}`,
      );
  return query;
}
