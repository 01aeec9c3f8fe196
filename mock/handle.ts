// The control API as methods (startMock's handle): each one is a request to the mock's own /__mock API, in this
// process and without the network, so it validates exactly as the HTTP control API does and rejects with the
// envelope's detailMessage. Types come from the control spec; operation IDs from the vendor spec.
import type { components, operations as ControlOperations } from "../openapi/generated/mock-control.ts";
import type { operations as VendorOperations } from "../openapi/generated/partner-portal.ts";
import { parseJson } from "../openapi/json.ts";
import { CONTROL_PREFIX } from "./app.ts";
import type { ErrorCode } from "./http/codes.ts";
import type { InjectRequest, InjectResponse } from "./inject.ts";

type Schemas = components["schemas"];
type Body<Op extends keyof ControlOperations> = ControlOperations[Op] extends {
  requestBody: { content: { "application/json": infer B } };
}
  ? B
  : never;

/** An operationId of the vendor API (openapi/partner-portal.yaml). */
export type OperationId = keyof VendorOperations;
export type FaultKind = Schemas["FaultSpec"]["kind"];
/** A fault to arm (the control spec's FaultSpec), its operationId and code typed from the vendor spec. */
// count has a default, so it is optional here (openapi-typescript marks defaulted fields required).
export type Fault = Omit<Schemas["FaultSpec"], "operationId" | "code" | "count"> & {
  operationId?: OperationId;
  code?: ErrorCode;
  count?: number;
};
export type ArmedFault = Schemas["Fault"];
export type PaymentMode = Body<"setPaymentMode">["mode"];
export type SettleOutcome = Body<"settleOrder">["outcome"];
export type AccountState = Schemas["AccountState"];
export type LogEntry = Schemas["LogEntry"];
export interface Credentials {
  clientId: string;
  clientSecret: string;
}

/** Which logged requests GET /__mock/requests returns; all given must match. */
export interface RequestFilter {
  operationId?: OperationId;
  clientId?: string;
  method?: string;
  path?: string;
  status?: number;
}

/** The control API refused a call: its envelope's code, field and detailMessage (the message). */
export class MockControlError extends Error {
  override readonly name = "MockControlError";
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field: string | undefined,
    readonly requestId: string | undefined,
    detailMessage: string,
  ) {
    super(detailMessage);
  }
}

export interface ControlMethods {
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
  /** auto: paid orders succeed at once; manual: they stay pending until settleOrder (default the demo account). */
  setPaymentMode(mode: PaymentMode, clientId?: string): Promise<void>;
  /** Settles a pending order (by orderNo or order ID) of an account (default the demo account). */
  settleOrder(orderNo: string, outcome: SettleOutcome, clientId?: string): Promise<void>;
  /** The logged requests, oldest first, filtered as GET /__mock/requests filters them. */
  requests(filter?: RequestFilter): Promise<LogEntry[]>;
  /** An account's state as GET /__mock/accounts/{clientId} shows it (default the demo account). */
  account(clientId?: string): Promise<AccountState>;
}

export interface ControlTarget {
  /** Sends one request to the mock in this process. */
  send(request: InjectRequest): Promise<InjectResponse>;
  /** The Host header the control API answers to. */
  host: string;
  token?: string | undefined;
  demoClientId: string;
}

interface Envelope {
  code?: string;
  detailMessage?: string;
  requestId?: string;
  result?: unknown;
}

export function controlMethods(target: ControlTarget): ControlMethods {
  const call = async <T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { host: target.host, "user-agent": "yeastar-partner-portal-kit/mock" };
    if (target.token !== undefined) headers["x-mock-control-token"] = target.token;
    if (method !== "GET") headers["content-type"] = "application/json";
    const res = await target.send({
      method,
      path: CONTROL_PREFIX + path,
      headers,
      ...(method === "GET" ? {} : { body: JSON.stringify(body ?? {}) }),
    });
    const text = res.body.toString("utf8");
    let env: Envelope;
    try {
      env = parseJson(text) as Envelope;
    } catch {
      throw new MockControlError(res.status, "", undefined, undefined, `${method} ${path}: ${res.status} ${text}`);
    }
    if (res.status !== 200 || env.code !== "success") {
      const field = (env.result as { field?: string } | null | undefined)?.field;
      const message = env.detailMessage || `${method} ${path} answered ${res.status}`;
      throw new MockControlError(res.status, env.code ?? "", field, env.requestId, message);
    }
    return env.result as T;
  };
  const account = (clientId = target.demoClientId) => `/accounts/${encodeURIComponent(clientId)}`;
  return {
    reset: async () => void (await call("POST", "/reset")),
    createAccount: async () => {
      const a = await call<Credentials>("POST", "/accounts");
      return { clientId: a.clientId, clientSecret: a.clientSecret };
    },
    advanceClock: async (seconds, clientId) => {
      const r = await call<{ now: string }>("POST", `${account(clientId)}/clock/advance`, { seconds });
      return new Date(r.now);
    },
    injectFault: async (fault) => (await call<ArmedFault>("POST", "/faults", fault)).id,
    clearFaults: async () => void (await call("DELETE", "/faults")),
    setPaymentMode: async (mode, clientId) => void (await call("POST", `${account(clientId)}/payment`, { mode })),
    settleOrder: async (orderNo, outcome, clientId) =>
      void (await call("POST", `${account(clientId)}/orders/${encodeURIComponent(orderNo)}/settle`, { outcome })),
    requests: (filter = {}) => {
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(filter)) if (v !== undefined) query.set(k, String(v));
      const q = query.toString();
      return call<LogEntry[]>("GET", `/requests${q ? `?${q}` : ""}`);
    },
    account: (clientId) => call<AccountState>("GET", account(clientId)),
  };
}
