// The change records: every change to the state is one of these, decided first, then made by State.apply(),
// live and on replay of the state file alike.
import type { Counters } from "./ids.ts";
import type { Account, Instance, Order } from "./types.ts";

export type ChangeRecord =
  | { t: "account"; account: Account }
  /** An order; `instance` is the instance it changes or creates, absent while the order waits for payment. */
  | { t: "order"; clientId: string; order: Order; instance?: Instance; trialKey?: string }
  /** A pending order settled: its new status, and the instance as it changes now if it succeeded. */
  | { t: "settle"; clientId: string; orderNo: string; status: "succeed" | "failed" | "cancelled"; instance?: Instance }
  | { t: "payment"; clientId: string; mode: "auto" | "manual" }
  | { t: "clock"; clientId: string; offsetMs: number }
  /** Back to a freshly started mock: no account, ID counters from the start. */
  | { t: "reset" }
  /** An isolated account that was idle too long. */
  | { t: "remove"; clientId: string }
  /** The whole state at once: the first record of a compacted state file. */
  | { t: "snapshot"; accounts: Account[]; ids: Record<keyof Counters, string> };

/** Where change records go to become durable. */
export interface ChangeSink {
  /** Settles when the record is durable; rejects when it could not be made so. */
  append(record: ChangeRecord): Promise<void>;
  /** Set once the sink has failed: no change is accepted after that (fail-stop). */
  readonly failure?: string | undefined;
}

export const MEMORY_SINK: ChangeSink = { append: () => Promise.resolve() };
