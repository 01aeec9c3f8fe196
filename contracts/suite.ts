// Registers the contract cases as vitest tests against one target, and writes the drift report.
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromRoot } from "../openapi/root.ts";
import { stringifyJson } from "../openapi/json.ts";
import { allCases, type Case } from "./cases.ts";
import { GuardSkip, orderKind, refusal } from "./guard.ts";
import { isControlOperation } from "./check.ts";
import { runCase, takeToken, type StepResult, type Target } from "./runner.ts";

export type Outcome = { kind: "passed" } | { kind: "skipped"; reason: string } | { kind: "failed"; error: Error };

/** Why a case cannot run against a target (the billing guard), judged from the orders it would send. */
export function skipReason(c: Case, t: Target, env: Record<string, string | undefined>): string | undefined {
  if (!t.projectMock && c.steps.some((s) => isControlOperation(s.operationId)))
    return "it steers the mock through its control API (/__mock), which only a mock of this project has";
  for (const s of c.steps) {
    if (s.operationId !== "createOrder") continue;
    // Only operationType decides the kind, and it is never a placeholder.
    const body =
      s.bodyText ??
      stringifyJson({ operationType: (s.body as { operationType?: unknown } | undefined)?.operationType });
    const why = refusal(orderKind(body), { projectMock: t.projectMock, env });
    if (why) return why;
  }
  return undefined;
}

/** Runs one case in a fresh session; never throws. */
export async function attempt(
  c: Case,
  t: Target,
  results: StepResult[],
  statelessOnly = false,
  env = process.env,
): Promise<Outcome> {
  const reason = skipReason(c, t, env);
  if (reason) return { kind: "skipped", reason };
  try {
    const session = await t.session();
    const token = await takeToken(t, session, results, c.id);
    await runCase(c, t, token, results, statelessOnly ? (s) => !s.stateful : undefined, session);
    return { kind: "passed" };
  } catch (err) {
    if (err instanceof GuardSkip) return { kind: "skipped", reason: err.message };
    return { kind: "failed", error: err as Error };
  }
}

function writeDrift(label: string, results: StepResult[]): void {
  const drift = results.filter((r) => r.mismatches.length);
  const dir = fromRoot("reports");
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/drift-${label.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.json`;
  writeFileSync(
    file,
    JSON.stringify({ target: label, checked: results.length, mismatched: drift.length, drift }, null, 2),
  );
  const lines = [
    `\nContract drift against ${label}: ${results.length} answers checked, ${drift.length} with mismatches (${file})`,
  ];
  for (const r of drift) {
    lines.push(`  ${r.case} / ${r.step} (HTTP ${r.status})`);
    for (const m of r.mismatches)
      lines.push(`    ${m.path}\n      expected: ${m.expected}\n      actual:   ${m.actual}`);
  }
  console.log(lines.join("\n"));
}

export interface SuiteOptions {
  /** Only the documented examples and steps that need no memory (for Prism's stateless mock). */
  statelessOnly?: boolean;
  cases?: Case[];
}

export function contractSuite(label: string, makeTarget: () => Promise<Target>, options: SuiteOptions = {}): void {
  const cases = (options.cases ?? allCases()).filter((c) => !options.statelessOnly || c.kind === "example");
  describe(`contracts against ${label}`, () => {
    let target: Target;
    const results: StepResult[] = [];
    beforeAll(async () => {
      target = await makeTarget();
      console.log(`contract target: ${target.name}`);
    });
    afterAll(() => {
      if (target) writeDrift(target.name, results);
    });

    it("the target hands out a token for the given credentials", async () => {
      const token = await takeToken(target, target.given, results);
      expect(token.length).toBeGreaterThan(10);
    });

    for (const c of cases) {
      it(`${c.title} [${c.id}]`, async (ctx) => {
        const outcome = await attempt(c, target, results, options.statelessOnly);
        if (outcome.kind === "skipped") {
          console.warn(`SKIPPED ${c.id}: ${outcome.reason}`);
          ctx.skip(outcome.reason);
        }
        if (outcome.kind === "failed") throw outcome.error;
      });
    }
  });
}
