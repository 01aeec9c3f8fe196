// The billing guard: against anything but a mock of this project, no request that can create an order
// leaves the machine without an explicit opt-in. Enforced on the wire, whatever a case says about itself.
import { parseJson } from "../openapi/json.ts";
import type { Transport } from "./transport.ts";

export const ALLOW_BILLABLE = { name: "CONTRACTS_ALLOW_BILLABLE_ORDERS", value: "yes-i-accept-charges" } as const;
export const ALLOW_TRIAL = { name: "CONTRACTS_ALLOW_TRIAL_ORDERS", value: "yes" } as const;
const ORDER_PATH = "/order/openapi/order/v1/save";

export type OrderKind = "billable" | "trial";

export interface GuardPolicy {
  /** True for the in-process mock and for a mock this project started: no money can move there. */
  projectMock: boolean;
  env: Record<string, string | undefined>;
}

export class GuardSkip extends Error {
  override readonly name = "GuardSkip";
}

/** What an order/save body would create. Anything unreadable counts as billable. */
export function orderKind(body: string | undefined): OrderKind {
  try {
    const op = (parseJson(body ?? "", "string") as { operationType?: unknown }).operationType;
    return typeof op === "string" && op.startsWith("trial_") ? "trial" : "billable";
  } catch {
    return "billable";
  }
}

/** Why an order of this kind may not be sent, or undefined when it may. */
export function refusal(kind: OrderKind, policy: GuardPolicy): string | undefined {
  if (policy.projectMock) return undefined;
  const opt = kind === "trial" ? ALLOW_TRIAL : ALLOW_BILLABLE;
  if (policy.env[opt.name] === opt.value) return undefined;
  return kind === "trial"
    ? `a trial order against a live target needs ${opt.name}=${opt.value}`
    : `a billable order against a live target needs ${opt.name}=${opt.value} (it can cost real money)`;
}

/** Wraps a transport so that a guarded order never reaches it. */
export function guarded(transport: Transport, policy: GuardPolicy): Transport {
  return async (req) => {
    if (req.method === "POST" && req.path.split("?")[0] === ORDER_PATH) {
      const why = refusal(orderKind(req.body), policy);
      if (why) throw new GuardSkip(why);
    }
    return transport(req);
  };
}
