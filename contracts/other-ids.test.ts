// The flows find their IDs by name, so they pass against a server whose IDs differ from the docs; the documented
// examples, which carry the docs' IDs, are refused there. Also shows a user's seed bringing another product.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SEED_PATH } from "../mock/seed/load.ts";
import { createMock } from "../mock/create.ts";
import { exampleCases, flowCases } from "./cases.ts";
import { guarded } from "./guard.ts";
import type { StepResult, Target } from "./runner.ts";
import { attempt } from "./suite.ts";
import { inProcess } from "./transport.ts";

/** The default seed with every 19-digit ID shifted, and a second product. */
function otherSeed(): string {
  const text = readFileSync(DEFAULT_SEED_PATH, "utf8").replace(
    /"(\d{19})"/g,
    (_m, id: string) => `"${BigInt(id) + 1_000_003n}"`,
  );
  const seed = JSON.parse(text);
  seed.products.push({
    ...structuredClone(seed.products[0]),
    productId: 13,
    productName: "P-Series Cloud Edition",
    offeringId: "1300",
  });
  const file = join(mkdtempSync(join(tmpdir(), "seed-")), "other-ids.json");
  writeFileSync(file, JSON.stringify(seed));
  return file;
}

describe("a server whose IDs differ from the docs", async () => {
  const mock = await createMock({ seedPath: otherSeed(), strict: true, quiet: true });
  const target: Target = {
    name: "mock with other IDs",
    transport: guarded(inProcess(mock.handler), { projectMock: true, env: {} }),
    projectMock: true,
    given: { clientId: "demo-client-id", clientSecret: "demo-client-secret" },
    session: async () => {
      const a = await mock.service.createAccount();
      return { clientId: a.clientId, clientSecret: a.clientSecret };
    },
  };

  it("has the seed's other IDs and its second product", () => {
    const contacts = mock.service.account("demo-client-id")!.billingContacts.map((c) => c.billingContactId);
    expect(contacts).not.toContain("3197218168379846218");
    expect(mock.service.products()).toEqual([
      { name: "P-Series Turnkey Package", productId: 14 },
      { name: "P-Series Cloud Edition", productId: 13 },
    ]);
  });

  for (const c of flowCases()) {
    it(`flow ${c.id} passes, finding every ID by name`, async () => {
      const results: StepResult[] = [];
      const outcome = await attempt(c, target, results);
      expect(outcome.kind === "failed" ? outcome.error.message : outcome.kind).toBe("passed");
      expect(results.flatMap((r) => r.mismatches)).toEqual([]);
    });
  }

  it("the documented order examples, with the docs' IDs, are refused there for the IDs they carry", async () => {
    const refusals: Record<string, string> = {};
    for (const c of exampleCases().filter((x) => x.steps[0]!.operationId === "createOrder")) {
      const outcome = await attempt(c, target, []);
      const message = outcome.kind === "failed" ? outcome.error.message : outcome.kind;
      refusals[c.id] = /answered (\d+) \((\w+):/.exec(message)?.slice(1).join(" ") ?? message;
    }
    // Each is refused with a 422 naming an unknown ID: never a pass, never a 5xx or a validation error.
    expect(refusals).toEqual({
      "example:createOrder:freeTrial": "422 service_not_found",
      "example:createOrder:expandCapacity": "422 billing_contact_not_found",
    });
    expect(mock.violations).toEqual([]);
  });
});
