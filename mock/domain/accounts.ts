// New accounts, seeded: the demo account keeps the seed's literal IDs (so the tutorials answer what they
// document); an isolated account gets fresh ones. Pure: it builds the record that State.apply() adds.
import { randomBytes } from "node:crypto";
import { DAY_MS } from "./clock.ts";
import type { IdSequence } from "./ids.ts";
import type { Account, Instance } from "./types.ts";
import type { Seed } from "../seed/load.ts";

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

const hex = (n: number) => randomBytes(n).toString("hex");
let uniq = 0;

/** An account seeded from `seed`, created at `now`; instance IDs from `ids` unless `literalIds`. */
export function seedAccount(
  seed: Seed,
  ids: Pick<IdSequence, "peekInstance">,
  creds: Credentials,
  literalIds: boolean,
  now: number,
): Account {
  const s = seed.account;
  const fresh = () => String(3076913644890000000n + BigInt(now % 1e9) * 1000n + BigInt(++uniq % 1000));
  const instances: Instance[] = s.instances.map((x, k) => {
    const next = ids.peekInstance(k);
    return {
      instanceId: literalIds && x.instanceId ? x.instanceId : next.instanceId,
      productNo: literalIds && x.productNo ? x.productNo : next.productNo,
      productId: x.productId,
      partnerId: x.partnerId,
      planId: x.planId,
      trial: false,
      quantity: x.quantity,
      services: { ...x.services },
      billingCycle: x.billingCycle,
      createTime: now,
      expireTime: now + x.expiresInDays * DAY_MS,
    };
  });
  return {
    ...creds,
    ucId: literalIds ? s.ucId : fresh(),
    userId: literalIds ? s.userId : fresh(),
    username: literalIds ? s.username : `sandbox-${creds.clientId}@mock.invalid`,
    userCode: s.userCode,
    subordinates: structuredClone(s.subordinates),
    billingContacts: structuredClone(s.billingContacts),
    instances,
    orders: [],
    trialsUsed: [],
    clockOffsetMs: 0,
    createTime: now,
  };
}

/** Fresh credentials for an isolated account. */
export const isolatedCredentials = (): Credentials => ({ clientId: `sandbox-${hex(8)}`, clientSecret: hex(24) });
