// The contract cases, as data: each documented example of the spec (one source: the spec itself) and each
// tutorial flow in cases/*.yaml. A case is a list of steps; later steps use values captured by earlier ones.
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { loadSpec } from "../openapi/load.ts";
import { fromRoot } from "../openapi/root.ts";

export interface Expect {
  status?: number;
  code?: string;
  /** Substrings the raw response text must contain (after ${var} substitution): exact IDs, never re-parsed. */
  rawContains?: string[];
}

export interface Step {
  name: string;
  operationId: string;
  path?: Record<string, string>;
  query?: Record<string, string | number>;
  /** A JSON body template: "${v}" substitutes text, $id(v) a bare integer ID, $num(v) a number. */
  body?: unknown;
  /** Or the exact body text to send (the documented examples, byte for byte). */
  bodyText?: string;
  expect?: Expect;
  /** Variable -> selector into the parsed answer, e.g. result.planList[purchaseType=trial].planId */
  capture?: Record<string, string>;
  /** Checks the server's memory (order lists, refusals that follow an earlier order); a stateless mock cannot pass it. */
  stateful?: boolean;
}

export interface Case {
  id: string;
  title: string;
  kind: "example" | "flow";
  vars: Record<string, string | number>;
  steps: Step[];
}

const CASES_DIR = fromRoot("contracts", "cases");

export function flowCases(): Case[] {
  return readdirSync(CASES_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const c = parse(readFileSync(`${CASES_DIR}/${f}`, "utf8")) as Omit<Case, "kind">;
      return { ...c, kind: "flow" as const, vars: c.vars ?? {} };
    });
}

interface Operation {
  operationId: string;
  parameters?: Array<{ $ref?: string; in?: string; name?: string; example?: unknown; required?: boolean }>;
  requestBody?: { content: Record<string, { examples?: Record<string, { summary?: string; value: unknown }> }> };
}

// These reads need an ID this account holds (getProductModel's documented SN is no product of it): the flows
// read them after an order or a product lookup.
const NEEDS_HELD_ID = new Set(["getOrder", "getInstanceProduct", "getProductModel"]);

/** One case per documented request example, and one per read operation with its parameter examples. */
export function exampleCases(): Case[] {
  const spec = loadSpec();
  const out: Case[] = [];
  for (const item of Object.values(spec.paths)) {
    for (const op of Object.values(item) as Operation[]) {
      if (op.operationId === "requestToken") continue; // every target exercises it to get a token
      const params = (op.parameters ?? []).filter((p) => !p.$ref && p.required && p.example !== undefined);
      const query = Object.fromEntries(
        params.filter((p) => p.in === "query").map((p) => [p.name!, p.example as string]),
      );
      const path = Object.fromEntries(params.filter((p) => p.in === "path").map((p) => [p.name!, String(p.example)]));
      const json = op.requestBody?.content["application/json"]?.examples;
      if (json) {
        for (const [name, ex] of Object.entries(json)) {
          out.push({
            id: `example:${op.operationId}:${name}`,
            title: `Documented example ${name}: ${ex.summary ?? op.operationId}`,
            kind: "example",
            vars: {},
            steps: [
              {
                name: ex.summary ?? name,
                operationId: op.operationId,
                body: ex.value,
                expect: { status: 200, code: "success" },
              },
            ],
          });
        }
      } else if (!NEEDS_HELD_ID.has(op.operationId)) {
        out.push({
          id: `example:${op.operationId}`,
          title: `Documented read: ${op.operationId}`,
          kind: "example",
          vars: {},
          steps: [
            {
              name: op.operationId,
              operationId: op.operationId,
              query,
              path,
              expect: { status: 200, code: "success" },
            },
          ],
        });
      }
    }
  }
  return out;
}

export const allCases = (): Case[] => [...exampleCases(), ...flowCases()];
