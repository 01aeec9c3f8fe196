// Loads a seed (the default or --seed FILE) and checks it: shape against the spec's own components, then
// cross-references (plans exist, services belong to them, owners are subordinates). Errors name the path.
import { readFileSync } from "node:fs";
import { fromRoot } from "../../openapi/root.ts";
import type { Ajv2020 } from "ajv/dist/2020.js";
import { describeFault } from "../../openapi/validator.ts";
import { findPlan } from "../domain/catalog.ts";
import type { Account, Product } from "../domain/types.ts";

export const DEFAULT_SEED_PATH = fromRoot("mock", "seed", "default.json");
export const SCHEMA_PATH = fromRoot("mock", "seed", "seed.schema.json");

export interface SeedInstance {
  instanceId?: string;
  productNo?: string;
  productId: number;
  partnerId: string;
  planId: string;
  quantity: number;
  services: Record<string, number>;
  billingCycle: string;
  expiresInDays: number;
}

export interface Seed {
  products: Product[];
  /** What every new account starts with (the demo account keeps these IDs; isolated ones get fresh ones). */
  account: Pick<Account, "ucId" | "userId" | "username" | "userCode" | "subordinates" | "billingContacts"> & {
    instances: SeedInstance[];
    /** The demo account's own first trial gets these IDs (the documented answer). */
    trial?: { instanceId: string; productNo: string };
  };
}

export class SeedError extends Error {
  override readonly name = "SeedError";
}

function crossCheck(seed: Seed): string | undefined {
  const products = new Map(seed.products.map((p) => [p.productId, p]));
  if (products.size !== seed.products.length) return "products: two products share a productId";
  const subs = new Set(seed.account.subordinates.map((s) => s.partnerId));
  const contacts = new Set(seed.account.billingContacts.map((c) => c.billingContactId));
  if (subs.size !== seed.account.subordinates.length) return "account.subordinates: two users share a partnerId";
  if (contacts.size !== seed.account.billingContacts.length)
    return "account.billingContacts: two contacts share a billingContactId";
  for (const [i, inst] of seed.account.instances.entries()) {
    const at = `account.instances[${i}]`;
    const product = products.get(inst.productId);
    if (!product) return `${at}.productId: ${inst.productId} is not a product of the seed`;
    const plan = findPlan(product, "purchase", inst.planId);
    if (!plan) return `${at}.planId: ${inst.planId} is not a purchase plan of product ${inst.productId}`;
    if (inst.partnerId && !subs.has(inst.partnerId))
      return `${at}.partnerId: ${inst.partnerId} is not one of account.subordinates`;
    for (const sid of Object.keys(inst.services))
      if (!plan.serviceList.some((s) => s.serviceId === sid))
        return `${at}.services: ${sid} is not a service of plan ${inst.planId}`;
  }
  return undefined;
}

const INT64_MAX = 2n ** 63n - 1n;
/** New IDs count up from the largest seeded one: leave room for this many (more than any mock run issues). */
export const ID_ROOM = 2n ** 32n;

/** IDs within int64 with room to count up; instanceIds unique; a productNo names one user's product. */
function idCheck(seed: Seed): string | undefined {
  const a = seed.account;
  const ids: Array<[string, unknown]> = [
    ["account.ucId", a.ucId],
    ["account.userId", a.userId],
    ...a.subordinates.map((u, i): [string, unknown] => [`account.subordinates[${i}].partnerId`, u.partnerId]),
    ...a.billingContacts.map((c, i): [string, unknown] => [
      `account.billingContacts[${i}].billingContactId`,
      c.billingContactId,
    ]),
  ];
  // Counters continue past these: instanceIds, and productNos (a new productNo is the largest one plus one).
  const counted: Array<[string, string | undefined]> = [
    ...a.instances.flatMap((x, i): Array<[string, string | undefined]> => [
      [`account.instances[${i}].instanceId`, x.instanceId],
      [`account.instances[${i}].productNo`, x.productNo],
    ]),
    ["account.trial.instanceId", a.trial?.instanceId],
    ["account.trial.productNo", a.trial?.productNo],
  ];
  for (const [at, v] of [...ids, ...counted])
    if (/^\d+$/.test(String(v)) && BigInt(String(v)) > INT64_MAX)
      return `${at}: ${String(v)} is beyond the 64-bit ID range (at most ${INT64_MAX})`;
  for (const [at, v] of counted)
    // A productNo may be a serial number (not digits): no counter continues from that.
    if (v !== undefined && /^\d+$/.test(v) && BigInt(v) + ID_ROOM > INT64_MAX)
      return `${at}: ${v} leaves no room for new IDs counting up from it below 2^63-1; seed IDs up to ${INT64_MAX - ID_ROOM}`;
  const instanceIds = new Map<string, string>();
  for (const [at, v] of counted.filter(([k]) => k.endsWith("instanceId"))) {
    if (v === undefined) continue;
    const other = instanceIds.get(v);
    if (other) return `${at}: ${v} is also the instanceId of ${other}`;
    instanceIds.set(v, at.replace(/\.instanceId$/, ""));
  }
  const owners = new Map<string, [string, string]>();
  for (const [i, x] of a.instances.entries()) {
    if (x.productNo === undefined) continue;
    const owner = `${x.partnerId}:${x.productId}`;
    const seen = owners.get(x.productNo);
    if (seen && seen[0] !== owner)
      return `account.instances[${i}].productNo: ${x.productNo} is also the productNo of ${seen[1]}, another user's or product's (a productNo names one user's product)`;
    owners.set(x.productNo, [owner, `account.instances[${i}]`]);
  }
  return undefined;
}

/** Checks seed data against mock/seed/seed.schema.json (compiled once per Ajv instance). */
export function checkSeedSchema(ajv: Ajv2020, data: unknown, path: string): void {
  const validate =
    ajv.getSchema(SCHEMA_PATH) ??
    (ajv.addSchema(JSON.parse(readFileSync(SCHEMA_PATH, "utf8")), SCHEMA_PATH), ajv.getSchema(SCHEMA_PATH)!);
  if (!validate(data)) {
    const f = describeFault(validate.errors);
    throw new SeedError(`${path}: ${f.field}: ${f.reason}`);
  }
}

/**
 * Parses and checks a seed; throws SeedError with "FILE: path: reason". The shipped seed skips the schema (its
 * compile was a fifth of the launch; mock/test/seed.test.ts checks that seed against it); any other is checked.
 */
export function loadSeed(ajv: Ajv2020, path = DEFAULT_SEED_PATH): Seed {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new SeedError(`${path}: ${(err as Error).message}`);
  }
  if (path !== DEFAULT_SEED_PATH) checkSeedSchema(ajv, data, path);
  const problem = crossCheck(data as Seed) ?? idCheck(data as Seed);
  if (problem) throw new SeedError(`${path}: ${problem}`);
  return data as Seed;
}
