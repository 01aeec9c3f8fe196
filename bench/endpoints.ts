// What the benchmark sends, derived from the spec and the seed: every GET operation of partner-portal.yaml with
// its required parameters filled from the spec's own examples, the token request, and one body per order kind.
import { readFileSync } from "node:fs";
import { loadSpec, type OpenApiDocument } from "../openapi/load.ts";
import { fromRoot } from "../openapi/root.ts";
import { EXTENSIONS, expandBody, json, purchasePlanBody, renewBody, trialBody } from "../mock/test/bodies.ts";

export interface Request {
  /** Row label: the operationId, and the order kind for createOrder. */
  key: string;
  method: "GET" | "POST";
  path: string;
  contentType?: string;
  body?: string;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
}

const deref = (spec: OpenApiDocument, node: { $ref?: string }): Parameter =>
  (node.$ref ? spec.components.parameters![node.$ref.split("/").pop()!] : node) as Parameter;

/** GET operations with no successful answer to measure, and why (the table says so). */
export const UNMEASURED: Record<string, string> = {
  getProductModel:
    "the mock refuses every Turnkey product (422 operation_not_supported, assumed): no answer to measure",
};

/**
 * Every GET operation, in spec order, but those in UNMEASURED. Path and required query parameters take the spec's example unless
 * `values` names one (an order ID only the running mock knows); a required one without either is an error.
 */
export function readRequests(values: Record<string, string> = {}, spec = loadSpec()): Request[] {
  const out: Request[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    const op = item.get as { operationId: string; parameters?: { $ref?: string }[] } | undefined;
    if (!op || op.operationId in UNMEASURED) continue;
    let path = template;
    const query = new URLSearchParams();
    for (const p of (op.parameters ?? []).map((n) => deref(spec, n))) {
      if (p.in === "header" || (p.in === "query" && !p.required)) continue;
      const value = values[p.name] ?? (p.example === undefined ? undefined : String(p.example));
      if (value === undefined) throw new Error(`${op.operationId}: no example for required parameter ${p.name}`);
      if (p.in === "path") path = path.replace(`{${p.name}}`, encodeURIComponent(value));
      else query.set(p.name, value);
    }
    const qs = query.toString();
    out.push({ key: op.operationId, method: "GET", path: qs ? `${path}?${qs}` : path });
  }
  return out;
}

/** The credentials the benchmark starts its mocks with (--client-id, --client-secret). */
export const BENCH_CREDENTIALS = { clientId: "bench-client", clientSecret: "bench-secret" };

export const tokenRequest = (clientId = BENCH_CREDENTIALS.clientId, clientSecret = BENCH_CREDENTIALS.clientSecret) => ({
  key: "requestToken",
  method: "POST" as const,
  path: "/auth/openapi/v1/oauth/token",
  contentType: "application/x-www-form-urlencoded",
  body: new URLSearchParams({
    grant_type: "pp_credentials",
    client_id: clientId,
    client_secret: clientSecret,
  }).toString(),
});

/** The seed's first instance of the demo account: the one instance purchase_service and renew_plan change. */
export function seedInstance(): { productNo: string } {
  const seed = JSON.parse(readFileSync(fromRoot("mock", "seed", "default.json"), "utf8")) as {
    account: { instances: { productNo: string }[] };
  };
  return { productNo: seed.account.instances[0]!.productNo };
}

export const ORDER_KINDS = ["purchase_service", "purchase_plan", "trial_plan", "renew_plan"] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

/** One createOrder request of a kind; renew_plan must repeat the instance's current counts. */
export function orderRequest(kind: OrderKind, current?: { extensions: number; ultimate: number }): Request {
  const { productNo } = seedInstance();
  const body =
    kind === "purchase_service"
      ? { ...expandBody(1, EXTENSIONS), productNo }
      : kind === "purchase_plan"
        ? purchasePlanBody()
        : kind === "trial_plan"
          ? trialBody()
          : { ...renewBody(current?.extensions, current?.ultimate), productNo };
  return {
    key: `createOrder ${kind}`,
    method: "POST",
    path: "/order/openapi/order/v1/save",
    contentType: "application/json",
    body: json(body),
  };
}
