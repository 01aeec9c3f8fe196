// Runs a case against a target: fills each step from the variables, sends it, checks the answer against the
// spec and the step's expectations, and captures values for the steps that follow.
import { stringifyJson } from "../openapi/json.ts";
import type { Case, Step } from "./cases.ts";
import { checkAnswer, findOperation, type Mismatch } from "./check.ts";
import { fill, select, text, type Vars } from "./template.ts";
import type { Received, Transport } from "./transport.ts";

export const USER_AGENT = "yeastar-partner-portal-kit-contracts/0.1";

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export interface Target {
  name: string;
  transport: Transport;
  /** The credentials the user gave (the environment, or the demo account in-process). */
  given: Credentials;
  /** Credentials for a fresh session: an isolated account on a mock, the given account on a live API. */
  session(): Promise<Credentials>;
  /** No money can move on it (in-process mock, or a mock this project started). */
  projectMock: boolean;
  /** 200: the target answers errors with HTTP 200 and the status in the envelope (CONTRACTS_ERROR_HTTP_STATUS=200). */
  errorHttpStatus?: 200 | undefined;
}

export interface StepResult {
  case: string;
  step: string;
  status: number;
  mismatches: Mismatch[];
}

export class ContractFailure extends Error {
  override readonly name = "ContractFailure";
}

const describeMismatches = (ms: Mismatch[]) =>
  ms.map((m) => `  ${m.path}: expected ${m.expected}, got ${m.actual}`).join("\n");

/** Sends one request and checks it against the spec; the result is recorded for the drift report. */
async function exchange(
  t: Target,
  operationId: string,
  label: [string, string],
  req: Parameters<Transport>[0],
  results: StepResult[],
): Promise<{ res: Received; body: any }> {
  const res = await t.transport(req);
  const { mismatches, body, status } = checkAnswer(
    operationId,
    res.status,
    res.contentType,
    res.text,
    t.errorHttpStatus,
  );
  results.push({ case: label[0], step: label[1], status, mismatches });
  if (mismatches.length)
    throw new ContractFailure(
      `${label[1]}: ${req.method} ${req.path} answered ${res.status} that breaks the spec:\n${describeMismatches(mismatches)}`,
    );
  // Expectations compare the status the answer means: the envelope's, when errors come as HTTP 200.
  return { res: { ...res, status }, body };
}

/** Takes a token with the form grant, as the vendor documents it; checks that answer too. */
export async function takeToken(
  t: Target,
  creds: Credentials,
  results: StepResult[],
  caseId = "token",
): Promise<string> {
  const body = new URLSearchParams({
    grant_type: "pp_credentials",
    client_id: creds.clientId,
    client_secret: creds.clientSecret,
  }).toString();
  const { res, body: env } = await exchange(
    t,
    "requestToken",
    [caseId, "request an access token"],
    {
      method: "POST",
      path: "/auth/openapi/v1/oauth/token",
      headers: { "User-Agent": USER_AGENT, "Content-Type": "application/x-www-form-urlencoded" },
      body,
    },
    results,
  );
  if (res.status !== 200 || env.code !== "success")
    throw new ContractFailure(`the token request was refused: ${res.status} ${env.code} ${env.detailMessage}`);
  return env.result.token as string;
}

function buildPath(step: Step, vars: Vars): string {
  const op = findOperation(step.operationId);
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeURIComponent(text(String(step.path?.[name] ?? ""), vars)),
  );
  const q = new URLSearchParams(
    Object.entries(step.query ?? {}).map(([k, v]) => [k, text(String(v), vars)]),
  ).toString();
  return q ? `${path}?${q}` : path;
}

export async function runCase(
  c: Case,
  t: Target,
  token: string,
  results: StepResult[],
  only?: (s: Step) => boolean,
  session?: Credentials,
): Promise<Vars> {
  // ${clientId}: the session's account, for steps that steer it through the control API.
  const vars: Vars = { ...c.vars, ...(session ? { clientId: session.clientId } : {}) };
  for (const step of c.steps) {
    if (only && !only(step)) continue;
    const op = findOperation(step.operationId);
    const headers: Record<string, string> = { "User-Agent": USER_AGENT, Authorization: `Bearer ${token}` };
    let body: string | undefined;
    if (step.bodyText !== undefined || step.body !== undefined) {
      body = step.bodyText ?? stringifyJson(fill(step.body, vars));
      headers["Content-Type"] = "application/json";
    }
    const { res, body: env } = await exchange(
      t,
      op.operationId,
      [c.id, step.name],
      { method: op.method, path: buildPath(step, vars), headers, body },
      results,
    );
    const want = step.expect ?? {};
    const where = `${step.name}: ${op.method} ${op.path}`;
    if (want.status !== undefined && res.status !== want.status)
      throw new ContractFailure(
        `${where} answered ${res.status} (${env?.code}: ${env?.detailMessage}); expected ${want.status}`,
      );
    if (want.code !== undefined && env?.code !== want.code)
      throw new ContractFailure(`${where} answered code ${env?.code}; expected ${want.code}`);
    for (const raw of want.rawContains ?? []) {
      const expected = text(raw, vars);
      if (!res.text.includes(expected))
        throw new ContractFailure(
          `${where}: the raw answer does not contain ${expected}\n  answer: ${res.text.slice(0, 400)}`,
        );
    }
    for (const [name, selector] of Object.entries(step.capture ?? {})) vars[name] = select(env, selector, vars);
  }
  return vars;
}
