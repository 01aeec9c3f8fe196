// Fault injection for the next N matching requests: an error answer, latency, a dropped connection, or an
// order that is created but whose response is lost (to test client retries).
// Kinds, fields and limits come from the control spec (openapi/mock-control.yaml), which validates them first.
import { refuse } from "./domain/errors.ts";
import type { ErrorCode } from "./http/codes.ts";
import type { components } from "../openapi/generated/mock-control.ts";

export const MAX_FAULTS = 100;

export type FaultKind = components["schemas"]["FaultKind"];

/** A fault as armed: the control spec's FaultSpec (operationId one of the vendor's), `code` a vendor error code. */
export type FaultSpec = Omit<components["schemas"]["FaultSpec"], "code"> & { code?: ErrorCode };

export interface Fault extends FaultSpec {
  id: string;
  remaining: number;
}

export interface RequestFacts {
  operationId: string;
  method: string;
  path: string;
  clientId?: string;
}

export class Faults {
  #list: Fault[] = [];
  #seq = 0;

  /** Arms a fault; refuses past MAX_FAULTS armed at once (a forgotten loop must not grow the list). */
  add(spec: FaultSpec): Fault {
    if (this.#list.length >= MAX_FAULTS)
      refuse("too_many_requests", "", "limit", `${MAX_FAULTS} faults are armed already; DELETE /__mock/faults first`);
    const fault: Fault = { ...spec, id: `fault_${++this.#seq}`, remaining: spec.count };
    this.#list.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.#list.map((f) => ({ ...f }));
  }

  clear(): number {
    const n = this.#list.length;
    this.#list = [];
    return n;
  }

  /** The first fault matching a request, with one use taken; undefined when none applies. */
  take(req: RequestFacts): Fault | undefined {
    if (this.#list.length === 0) return undefined;
    const i = this.#list.findIndex(
      (f) =>
        (!f.operationId || f.operationId === req.operationId) &&
        (!f.method || f.method.toUpperCase() === req.method) &&
        (!f.path || f.path === req.path) &&
        (!f.clientId || f.clientId === req.clientId),
    );
    if (i < 0) return undefined;
    const fault = this.#list[i]!;
    if (--fault.remaining <= 0) this.#list.splice(i, 1);
    return fault;
  }
}

/** What the pipeline lets a fault do to the request it matched. */
export interface FaultActions {
  delay(ms: number): Promise<void>;
  /** Closes the connection without an answer. */
  hangUp(): void;
  /** Answers an error envelope instead (the code defaults to the first one with that status). */
  fail(code: ErrorCode | undefined, status: number, detailMessage: string): void;
}

/** Each kind's behaviour, at the two points where faults act; each returns true when the request is done. */
export interface FaultBehaviour {
  /** Before the handler runs (nothing has changed yet). */
  before?(fault: Fault, act: FaultActions): boolean | Promise<boolean>;
  /** After the handler ran and its change is durable, before the answer is sent. */
  after?(fault: Fault, act: FaultActions): boolean;
}

/** The table of kinds (its type makes a kind of the control spec without a row a compile error). */
export const FAULT_BEHAVIOUR: Record<FaultKind, FaultBehaviour> = {
  error: {
    before: (f, act) => (act.fail(f.code, f.status ?? 500, f.detailMessage ?? `injected fault ${f.id}`), true),
  },
  latency: { before: async (f, act) => (await act.delay(f.latencyMs ?? 1000), false) },
  drop: { before: (_f, act) => (act.hangUp(), true) },
  // The change is made (and durable); only the answer is lost, as when a connection breaks late.
  "lose-response": { after: (_f, act) => (act.hangUp(), true) },
};
