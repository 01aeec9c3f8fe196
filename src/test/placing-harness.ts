// The placing tests' harness: one mock per reference mode, sessions whose order/save requests meet a fault
// sequence (one fault per request, armed just before it), and a virtual clock, so that no outcome depends on
// scheduling or wall time. A latency fault (an answer slower than the client's timeout) is made here, not by
// the mock's timer: the client sees its timeout at once, and the request is held until the placer's first wait
// in its look, then sent on, so the order lands while the client looks, every time.
import type { FaultSpec } from "../../mock/faults.ts";
import { serve, type Serving } from "../../mock/server.ts";
import type { ReferenceField } from "../../mock/domain/service.ts";
import { createPartnerPortalClient, type PartnerPortalClient } from "../client.ts";
import { purchasePlan, renewPlan, requestFreeTrial, subscribeService } from "../flows.ts";
import { OrderOutcomeUnknown, type PlaceOrderOptions, type PlacedOrder } from "../placing.ts";

export const KINDS = ["trial_plan", "purchase_plan", "purchase_service", "renew_plan"] as const;
export type Kind = (typeof KINDS)[number];
export const FAULTS = ["lose-response", "drop", "error 500", "error 502", "error 503", "latency"] as const;
export type FaultName = (typeof FAULTS)[number];
export const MODES: ReferenceField[] = ["customReferenceNo", "none"];
const PLAN = { name: "P-Series Turnkey Package" };
const SAVE = "/order/openapi/order/v1/save";

export const startMock = (referenceField: ReferenceField) =>
  serve({ port: 0, quiet: true, strict: true, maxAccounts: 5000, referenceField });

export interface Session {
  clientId: string;
  clientSecret: string;
  client: PartnerPortalClient;
  /** Placer options with this session's virtual clock. */
  clock: Required<Pick<PlaceOrderOptions, "now" | "sleep">>;
  /** Virtual milliseconds the placer waited. */
  slept(): number;
  /** Runs before each order/save request is sent on, with its body (e.g. another party ordering then). */
  beforeSave?: (bodyText: string) => Promise<void>;
  /** Sends on every held request and waits for the mock's answers. */
  release(): Promise<void>;
}

function arm(mock: Serving, clientId: string, name: Exclude<FaultName, "latency">): void {
  const base = { operationId: "createOrder", clientId, count: 1 } as const;
  const spec: FaultSpec = name.startsWith("error")
    ? { ...base, kind: "error", status: Number(name.slice(6)) }
    : { ...base, kind: name as "drop" | "lose-response" };
  mock.mock.faults.add(spec);
}

/** A fresh account and a client whose order/save requests meet `faults` in turn. */
export async function session(mock: Serving, faults: readonly FaultName[] = []): Promise<Session> {
  const a = await mock.service.createAccount();
  const queue = [...faults];
  const held: Array<() => Promise<unknown>> = [];
  let t = 0;
  const release = async () => {
    while (held.length) await held.shift()!();
  };
  const s: Session = {
    clientId: a.clientId,
    clientSecret: a.clientSecret,
    client: undefined as unknown as PartnerPortalClient,
    clock: {
      now: () => t,
      sleep: async (ms) => {
        t += ms;
        await release();
      },
    },
    slept: () => t,
    release,
  };
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    const req = new Request(input, init);
    if (req.method !== "POST" || new URL(req.url).pathname !== SAVE) return globalThis.fetch(req);
    await s.beforeSave?.(await req.clone().text());
    const fault = queue.shift();
    if (fault === "latency") {
      const later = new Request(req.url, { method: "POST", headers: req.headers, body: await req.arrayBuffer() });
      held.push(() => globalThis.fetch(later).then((r) => r.arrayBuffer()));
      throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
    }
    if (fault) arm(mock, a.clientId, fault);
    return globalThis.fetch(req);
  };
  s.client = createPartnerPortalClient({
    baseUrl: mock.url,
    clientId: a.clientId,
    clientSecret: a.clientSecret,
    fetch,
  });
  return s;
}

export function order(client: PartnerPortalClient, kind: Kind, o: PlaceOrderOptions): Promise<PlacedOrder> {
  if (kind === "trial_plan")
    return requestFreeTrial(client, { plan: PLAN, services: [{ name: "Ultimate Plan Trial" }], order: o });
  if (kind === "purchase_plan") return purchasePlan(client, { plan: PLAN, quantity: 20, order: o });
  if (kind === "purchase_service")
    return subscribeService(client, { plan: PLAN, service: { name: "Ultimate Plan" }, quantity: 1, order: o });
  return renewPlan(client, {
    plan: PLAN,
    quantity: 100,
    services: [{ service: { name: "Ultimate Plan" }, quantity: 10 }],
    order: o,
  });
}

/** The orders an account holds now: paid ones by orderNo, trials by instance. */
export const ordersOf = (mock: Serving, clientId: string) =>
  mock.service.account(clientId)!.orders.map((o) => (o.orderId ? o.orderNo : `trial:${o.instanceId}`));

/** The poNumber an order (by orderNo, or `trial:instanceId`) was stored with. */
export const poNumberOf = (mock: Serving, clientId: string, key: string) =>
  mock.service.account(clientId)!.orders.find((o) => (o.orderId ? o.orderNo : `trial:${o.instanceId}`) === key)
    ?.poNumber;

const failing = (f: FaultName | undefined) => f === "drop" || (f?.startsWith("error") ?? false);
const found = (f: FaultName | undefined) => f === "lose-response" || f === "latency";

/** What the placer must do under a fault sequence: only two failed attempts in a row leave the outcome open. */
export function expected(faults: readonly FaultName[]) {
  const [first, second] = faults;
  if (!failing(first)) return { returns: true, attempts: 1, reconciled: found(first) } as const;
  if (failing(second)) return { returns: false, attempts: 2 } as const;
  return { returns: true, attempts: 2, reconciled: found(second) } as const;
}

export type Outcome = PlacedOrder | OrderOutcomeUnknown;

/** Places one order under a fault sequence; returns the outcome, the orders it made and the session. */
export async function attempt(mock: Serving, kind: Kind, faults: readonly FaultName[], o: PlaceOrderOptions = {}) {
  const s = await session(mock, faults);
  const before = ordersOf(mock, s.clientId);
  let outcome: Outcome;
  try {
    outcome = await order(s.client, kind, { ...s.clock, ...o });
  } catch (err) {
    if (!(err instanceof OrderOutcomeUnknown)) throw err;
    outcome = err;
  }
  await s.release(); // an order still held lands now, before counting
  const made = ordersOf(mock, s.clientId).filter((x) => !before.includes(x));
  return { outcome, made, session: s };
}
