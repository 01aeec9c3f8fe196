// Checks one answer against the spec: declared status, JSON envelope, and the schema for that status.
// The body is parsed with 64-bit integers as bigint, so a bare ID where the spec says string is caught.
import type { ErrorObject } from "ajv";
import { compiledControlSpec, compiledSpec } from "../openapi/compiled.ts";
import { parseJson, stringifyJson } from "../openapi/json.ts";

export interface Mismatch {
  /** JSON path into the answer, e.g. $.result.orderId; or "status" / "content-type". */
  path: string;
  expected: string;
  actual: string;
}

const show = (v: unknown) => {
  const s = v === undefined ? "(absent)" : stringifyJson(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

function at(root: unknown, pointer: string): unknown {
  let node = root;
  for (const p of pointer.split("/").slice(1))
    node =
      node && typeof node === "object"
        ? (node as Record<string, unknown>)[p.replace(/~1/g, "/").replace(/~0/g, "~")]
        : undefined;
  return node;
}

const jsonPath = (pointer: string) =>
  "$" +
  pointer
    .split("/")
    .slice(1)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join("");

function expectation(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return `property ${String(p.missingProperty)}`;
    case "type":
      return `type ${String(p.type)}`;
    case "enum":
      return `one of ${(p.allowedValues as unknown[]).join(", ")}`;
    case "const":
      return stringifyJson(p.allowedValue);
    case "additionalProperties":
      return `no property ${String(p.additionalProperty)}`;
    default:
      return `${e.keyword}: ${e.message ?? ""}`;
  }
}

/** True for an operation of the mock's control API: only a mock of this project can run such a step. */
export const isControlOperation = (operationId: string) =>
  compiledControlSpec().operations.some((o) => o.operationId === operationId);

export function operationIds(): string[] {
  return compiledSpec().operations.map((o) => o.operationId);
}

/** An operation of the vendor API, or of this mock's control API (steps that steer the mock, e.g. settleOrder). */
export function findOperation(operationId: string) {
  const op =
    compiledSpec().operations.find((o) => o.operationId === operationId) ??
    compiledControlSpec().operations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`the spec has no operation ${operationId}`);
  return op;
}

/**
 * `errorHttpStatus` 200: the target answers errors as HTTP 200 with the status in the envelope (the form the
 * vendor documents); the answer is then checked against the schema of the envelope's status, and any other HTTP
 * status is a mismatch. `status` is the status the answer means.
 */
export function checkAnswer(
  operationId: string,
  httpStatus: number,
  contentType: string,
  text: string,
  errorHttpStatus?: 200,
): { mismatches: Mismatch[]; body: unknown; status: number } {
  let status = httpStatus;
  const op = findOperation(operationId);
  const mismatches: Mismatch[] = [];
  if (!/^application\/json\b/.test(contentType))
    mismatches.push({ path: "content-type", expected: "application/json", actual: contentType || "(none)" });
  let body: unknown;
  try {
    body = parseJson(text, "bigint");
  } catch {
    mismatches.push({ path: "$", expected: "a JSON envelope", actual: show(text) });
    return { mismatches, body: undefined, status };
  }
  // The control API is this project's own: its errors always carry their HTTP status.
  if (errorHttpStatus === 200 && !isControlOperation(operationId)) {
    if (httpStatus !== 200)
      mismatches.push({ path: "status", expected: "HTTP 200 (errors in the envelope)", actual: String(httpStatus) });
    const inEnvelope = (body as { status?: unknown } | undefined)?.status;
    if (typeof inEnvelope === "number") status = inEnvelope;
  }
  const validate = op.response(status);
  if (!validate) {
    mismatches.push({ path: "status", expected: "a status the spec declares", actual: String(status) });
    return { mismatches, body, status };
  }
  if (!validate(body)) {
    const seen = new Set<string>();
    for (const e of validate.errors ?? []) {
      if (["anyOf", "oneOf", "allOf", "if"].includes(e.keyword)) continue;
      const path =
        jsonPath(e.instancePath) +
        (e.keyword === "required" ? `.${String((e.params as Record<string, unknown>).missingProperty)}` : "");
      const m = {
        path,
        expected: expectation(e),
        actual: show(e.keyword === "required" ? undefined : at(body, e.instancePath)),
      };
      const key = `${m.path} ${m.expected}`;
      if (seen.has(key)) continue;
      seen.add(key);
      mismatches.push(m);
    }
  }
  return { mismatches, body, status };
}
