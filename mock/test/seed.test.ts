// Seeds are checked at start: IDs within the 64-bit range with room for the counters that continue from them,
// instanceIds unique, a productNo naming one user's product. A bad seed stops the start with one line.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compiledSpec } from "../../openapi/compiled.ts";
import { checkSeedSchema, DEFAULT_SEED_PATH, ID_ROOM, loadSeed } from "../seed/load.ts";
import { runMock } from "./spawn.ts";

const dir = mkdtempSync(join(tmpdir(), "mock-seed-"));
const MAX = 2n ** 63n - 1n;
type SeedJson = {
  account: {
    ucId: string;
    instances: Array<Record<string, unknown>>;
    trial: { instanceId: string; productNo: string };
    subordinates: Array<{ partnerId: string }>;
  };
};

/** The default seed, changed by `edit`, written to a file; returns its path. */
function seedWith(name: string, edit: (s: SeedJson) => void): string {
  const seed = JSON.parse(readFileSync(DEFAULT_SEED_PATH, "utf8")) as SeedJson;
  edit(seed);
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(seed));
  return path;
}
const load = (path: string) => () => loadSeed(compiledSpec().ajv, path);

describe("seed IDs", () => {
  it("the default seed passes its schema and the checks (at start it skips the schema)", () => {
    const data: unknown = JSON.parse(readFileSync(DEFAULT_SEED_PATH, "utf8"));
    expect(() => checkSeedSchema(compiledSpec().ajv, data, DEFAULT_SEED_PATH)).not.toThrow();
    expect(load(DEFAULT_SEED_PATH)).not.toThrow();
    // A copy at another path is checked: the schema still bites there.
    const bad = seedWith("bad-schema", (s) => (s.account.instances[0]!.instanceId = "not-an-id"));
    expect(load(bad)).toThrow(`${bad}: account.instances[0].instanceId`);
  });

  it("an instanceId of 9999999999999999999 (beyond 2^63-1) is refused naming it", () => {
    const path = seedWith("nines", (s) => (s.account.instances[0]!.instanceId = "9999999999999999999"));
    expect(load(path)).toThrow(
      `${path}: account.instances[0].instanceId: 9999999999999999999 is beyond the 64-bit ID range (at most ${MAX})`,
    );
  });

  it("an instanceId or productNo that leaves no room for the counter below 2^63-1 is refused; one with room passes", () => {
    const tight = String(MAX - ID_ROOM + 1n);
    const instance = seedWith("tight-instance", (s) => (s.account.instances[0]!.instanceId = tight));
    expect(load(instance)).toThrow(`account.instances[0].instanceId: ${tight} leaves no room for new IDs`);
    const product = seedWith("tight-product", (s) => (s.account.trial.productNo = String(MAX)));
    expect(load(product)).toThrow(`account.trial.productNo: ${MAX} leaves no room for new IDs`);
    const roomy = seedWith("roomy", (s) => (s.account.instances[0]!.instanceId = String(MAX - ID_ROOM)));
    expect(load(roomy)).not.toThrow();
  });

  it("other IDs beyond 2^63-1 (ucId, a subordinate's partnerId) are refused naming them", () => {
    const uc = seedWith("ucid", (s) => (s.account.ucId = "9223372036854775808"));
    expect(load(uc)).toThrow("account.ucId: 9223372036854775808 is beyond the 64-bit ID range");
    const sub = seedWith("partner", (s) => (s.account.subordinates[1]!.partnerId = "9999999999999999999"));
    expect(load(sub)).toThrow("account.subordinates[1].partnerId: 9999999999999999999 is beyond the 64-bit ID range");
  });

  it("duplicate instanceIds, seeded or the trial's, are refused naming both", () => {
    const dup = seedWith("dup", (s) => (s.account.instances[1]!.instanceId = "1948832"));
    expect(load(dup)).toThrow(
      "account.instances[1].instanceId: 1948832 is also the instanceId of account.instances[0]",
    );
    const trial = seedWith("dup-trial", (s) => (s.account.trial.instanceId = "1948832"));
    expect(load(trial)).toThrow("account.trial.instanceId: 1948832 is also the instanceId of account.instances[0]");
  });

  it("one productNo on two users' instances is refused; the same user's product may share it", () => {
    const shared = seedWith("shared", (s) => (s.account.instances[1]!.productNo = "3076913644890832896"));
    expect(load(shared)).toThrow("account.instances[1].productNo: 3076913644890832896 is also the productNo of");
    const same = seedWith("same-user", (s) => {
      s.account.instances[1]!.partnerId = "";
      s.account.instances[1]!.productNo = "3076913644890832896";
    });
    expect(load(same)).not.toThrow();
  });

  it("the mock refuses such a seed at start: one line, exit 1", async () => {
    const path = seedWith("cli", (s) => (s.account.instances[0]!.instanceId = "9999999999999999999"));
    const m = runMock(["--seed", path]);
    const first = await Promise.race([m.exited.then(() => "exited"), m.ready.then(() => "started")]);
    if (first === "started") await m.stop();
    expect(first).toBe("exited");
    expect(await m.exited).toBe(1);
    const lines = m.err().trim().split("\n");
    expect(lines, m.err()).toHaveLength(1);
    expect(lines[0]).toContain(`${path}: account.instances[0].instanceId: 9999999999999999999 is beyond`);
  });
});
