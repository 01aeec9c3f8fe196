// The billing guard, proved on the wire: a local server posing as the live API records every request.
// Without opt-in it receives no order/save at all; each opt-in lets through only its own kind of order.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromRoot } from "../openapi/root.ts";
import { allCases } from "./cases.ts";
import { ALLOW_BILLABLE, ALLOW_TRIAL, GuardSkip, guarded, orderKind } from "./guard.ts";
import type { StepResult } from "./runner.ts";
import { attempt } from "./suite.ts";
import { urlTarget, type Env } from "./targets.ts";

interface Seen {
  method: string;
  path: string;
  body: string;
}

let server: http.Server;
let base: string;
const seen: Seen[] = [];
const envelope = (result: string) =>
  `{"code":"success","detailMessage":"","requestId":"0123456789abcdef0123456789abcdef","result":${result},"status":200}`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      seen.push({ method: req.method!, path: req.url!, body });
      // It knows nothing of /__mock: to the suite it looks like the real service.
      if (req.url!.startsWith("/__mock")) return res.writeHead(404).end("not found");
      res.setHeader("Content-Type", "application/json");
      if (req.url!.startsWith("/auth/"))
        return res.end(
          envelope(`{"expiresIn":"1800","refreshToken":"r","token":"recording-token","tokenHead":"Bearer "}`),
        );
      res.end(envelope("[]"));
    });
  });
  server.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

async function runEverything(extra: Env) {
  const env: Env = {
    PARTNER_API_BASE_URL: base,
    PARTNER_API_CLIENT_ID: "live-id",
    PARTNER_API_CLIENT_SECRET: "live-secret",
    ...extra,
  };
  const target = await urlTarget(env);
  seen.length = 0;
  const results: StepResult[] = [];
  const outcomes = [];
  for (const c of allCases()) outcomes.push({ id: c.id, ...(await attempt(c, target, results, false, env)) });
  const orders = seen.filter((s) => s.method === "POST" && s.path.startsWith("/order/openapi/order/v1/save"));
  return { target, outcomes, orders };
}

describe("billing guard against a server posing as the live API", () => {
  it("is treated as live, not as a mock of this project", async () => {
    const { target } = await runEverything({});
    expect(target.projectMock).toBe(false);
    expect(target.name).toMatch(/^live API at /);
  });

  it("without opt-in: no order/save request reaches it, and each skipped case says why", async () => {
    const { outcomes, orders } = await runEverything({});
    expect(orders).toEqual([]);
    const skipped = outcomes.filter((o) => o.kind === "skipped") as Array<{ id: string; reason: string }>;
    expect(skipped.map((o) => o.id).sort()).toEqual([
      "example:createOrder:expandCapacity",
      "example:createOrder:freeTrial",
      "expand-capacity",
      "free-trial",
      "payment-lifecycle",
      "purchase-and-renew",
    ]);
    expect(skipped.find((o) => o.id === "free-trial")!.reason).toContain(`${ALLOW_TRIAL.name}=${ALLOW_TRIAL.value}`);
    expect(skipped.find((o) => o.id === "payment-lifecycle")!.reason).toContain("control API");
    expect(skipped.find((o) => o.id === "expand-capacity")!.reason).toContain(
      `${ALLOW_BILLABLE.name}=${ALLOW_BILLABLE.value}`,
    );
    // Read-only cases still ran against it.
    expect(seen.some((s) => s.path.startsWith("/pricing/openapi/purchase/v1/purchase_product_info"))).toBe(true);
  });

  it("a near-miss opt-in value is not an opt-in", async () => {
    const { orders } = await runEverything({ [ALLOW_BILLABLE.name]: "yes", [ALLOW_TRIAL.name]: "true" });
    expect(orders).toEqual([]);
  });

  it("with the trial opt-in only: trial orders go through, billable ones never", async () => {
    const { orders } = await runEverything({ [ALLOW_TRIAL.name]: ALLOW_TRIAL.value });
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.map((o) => orderKind(o.body))).toEqual(orders.map(() => "trial"));
  });

  it("with the billable opt-in: billable orders go through", async () => {
    const { orders } = await runEverything({ [ALLOW_BILLABLE.name]: ALLOW_BILLABLE.value });
    expect(orders.some((o) => orderKind(o.body) === "billable")).toBe(true);
    expect(orders.some((o) => orderKind(o.body) === "trial")).toBe(false);
  });

  it("holds on the wire even when a case does not declare what it sends", async () => {
    const sent: string[] = [];
    const transport = guarded(
      async (req) => (sent.push(req.path), { status: 200, contentType: "application/json", text: "{}" }),
      { projectMock: false, env: {} },
    );
    const order = (body: string) =>
      transport({ method: "POST", path: "/order/openapi/order/v1/save", headers: {}, body });
    await expect(order('{"operationType":"purchase_plan"}')).rejects.toBeInstanceOf(GuardSkip);
    await expect(order('{"operationType":"trial_plan"}')).rejects.toBeInstanceOf(GuardSkip);
    await expect(order("not json")).rejects.toThrow(/billable/);
    await expect(
      transport({ method: "POST", path: "/order/openapi/order/v1/save?x=1", headers: {}, body: "{}" }),
    ).rejects.toBeInstanceOf(GuardSkip);
    expect(sent).toEqual([]);
  });

  it("never prints or records the credentials it was given (npm run contracts: output and report files)", async () => {
    const secret = `live-secret-${process.pid}-${Date.now()}`;
    const reports = mkdtempSync(join(tmpdir(), "guard-reports-"));
    const junit = join(reports, "contracts.junit.xml");
    // Asynchronous: the recording server in this process must keep answering.
    const child = spawn(
      process.execPath,
      [fromRoot("node_modules", "vitest", "vitest.mjs"), "run", "--config", "contracts/vitest.live.config.ts"],
      {
        cwd: fromRoot(),
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          NO_COLOR: "1",
          PARTNER_API_BASE_URL: base,
          PARTNER_API_CLIENT_ID: "live-id",
          PARTNER_API_CLIENT_SECRET: secret,
          CONTRACTS_JUNIT: junit,
        },
      },
    );
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    await new Promise((r) => child.once("exit", r));
    // The run did happen, with the secret: it reached the server, and the suite reported on it.
    expect(seen.some((s) => s.body.includes(secret))).toBe(true);
    expect(output).toContain(`contract target: live API at ${base}`);
    const port = new URL(base).port;
    const drift = readdirSync(fromRoot("reports")).find((f) => f.startsWith("drift-") && f.includes(port));
    expect(drift, "the drift report of this run").toBeDefined();
    const files = [junit, fromRoot("reports", drift!)].map((f) => readFileSync(f, "utf8"));
    for (const text of [output, ...files]) {
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toContain(secret);
    }
  }, 60_000);
});
