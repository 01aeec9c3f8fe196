// Targets: the in-process mock, or any base URL from the environment (a mock this project started, Prism's
// mock started by `npm run contracts:prism`, or the real API). The billing guard wraps every transport.
import { createMock } from "../mock/create.ts";
import { MOCK_MARKER } from "../mock/routes/control.ts";
import { guarded } from "./guard.ts";
import type { Credentials, Target } from "./runner.ts";
import { inProcess, overHttp } from "./transport.ts";

export type Env = Record<string, string | undefined>;

export async function inProcessTarget(errorHttpStatus?: 200): Promise<Target & { violations: string[] }> {
  const mock = await createMock({ strict: true, quiet: true, errorHttpStatus: errorHttpStatus ?? "mirror" });
  return {
    name: errorHttpStatus ? "in-process mock (errors as HTTP 200)" : "in-process mock",
    errorHttpStatus,
    given: {
      clientId: mock.service.demoClientId,
      clientSecret: mock.service.account(mock.service.demoClientId)!.clientSecret,
    },
    transport: guarded(inProcess(mock.handler), { projectMock: true, env: {} }),
    projectMock: true,
    violations: mock.violations,
    // Each case gets an isolated account: cases never share state, and may run in any order.
    session: async () => {
      const a = await mock.service.createAccount();
      return { clientId: a.clientId, clientSecret: a.clientSecret };
    },
  };
}

const isLoopback = (url: URL) => /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname);

/** Asks a base URL whether it is a mock of this project with its control API on. */
async function probeMock(base: string, env: Env): Promise<boolean> {
  try {
    const headers: Record<string, string> = { "User-Agent": "contracts-probe" };
    if (env.CONTRACTS_CONTROL_TOKEN) headers["X-Mock-Control-Token"] = env.CONTRACTS_CONTROL_TOKEN;
    const r = await fetch(`${base}/__mock/health`, { headers, signal: AbortSignal.timeout(3000) });
    const body = (await r.json()) as { result?: { mock?: string } };
    return r.ok && body.result?.mock === MOCK_MARKER;
  } catch {
    return false;
  }
}

export class TargetConfigError extends Error {
  override readonly name = "TargetConfigError";
}

/** The target named by PARTNER_API_BASE_URL, PARTNER_API_CLIENT_ID and PARTNER_API_CLIENT_SECRET. */
export async function urlTarget(env: Env = process.env): Promise<Target> {
  const missing = ["PARTNER_API_BASE_URL", "PARTNER_API_CLIENT_ID", "PARTNER_API_CLIENT_SECRET"].filter((k) => !env[k]);
  if (missing.length)
    throw new TargetConfigError(`set ${missing.join(", ")} in the environment (credentials are read from there only)`);
  const base = env.PARTNER_API_BASE_URL!.replace(/\/+$/, "");
  const url = new URL(base);
  const given: Credentials = { clientId: env.PARTNER_API_CLIENT_ID!, clientSecret: env.PARTNER_API_CLIENT_SECRET! };
  const prism = env.CONTRACTS_PROJECT_PRISM === base && isLoopback(url);
  const mock = !prism && isLoopback(url) && (await probeMock(base, env));
  const projectMock = prism || mock;
  const http = overHttp(base);
  return {
    name: prism ? `Prism mock at ${base}` : mock ? `project mock at ${base}` : `live API at ${base}`,
    transport: guarded(http, { projectMock, env }),
    given,
    projectMock,
    errorHttpStatus: env.CONTRACTS_ERROR_HTTP_STATUS === "200" ? 200 : undefined,
    session: async () => {
      if (!mock) return given;
      const headers: Record<string, string> = { "User-Agent": "contracts", "Content-Type": "application/json" };
      if (env.CONTRACTS_CONTROL_TOKEN) headers["X-Mock-Control-Token"] = env.CONTRACTS_CONTROL_TOKEN;
      const r = await fetch(`${base}/__mock/accounts`, { method: "POST", headers, body: "{}" });
      const a = (await r.json()) as { result: Credentials };
      return { clientId: a.result.clientId, clientSecret: a.result.clientSecret };
    },
  };
}
