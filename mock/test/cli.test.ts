// The CLI as a user runs it: what it prints, its flags, its errors, and a clean stop.
import { describe, expect, it } from "vitest";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { runMock } from "./spawn.ts";
import { fromRoot } from "../../openapi/root.ts";
import { expandBody, json } from "./bodies.ts";

const dir = mkdtempSync(join(tmpdir(), "mock-cli-"));

describe("npm start (dist/mock.mjs)", () => {
  it("prints the base URL and demo credentials, answers, and stops cleanly on SIGTERM and SIGINT", async () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const m = runMock([]);
      const base = await m.ready;
      expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(m.out()).toContain("demo client_id      demo-client-id");
      expect(m.out()).toContain("demo client_secret  demo-client-secret");
      expect(m.out()).toContain(`control API         ${base}/__mock`);
      const r = await fetch(`${base}/pricing/openapi/purchase/v1/product_list`, { headers: { "User-Agent": "t" } });
      expect(r.status).toBe(401);
      expect(await m.stop(signal)).toBe(0);
    }
  });

  it("logs each request with method, path, status, latency and requestId; --quiet silences it", async () => {
    const m = runMock([]);
    const base = await m.ready;
    const r = await fetch(`${base}/order/openapi/order/v1/page`, { headers: { "User-Agent": "t" } });
    const { requestId } = (await r.json()) as { requestId: string };
    await new Promise((res) => setTimeout(res, 100));
    expect(m.out()).toMatch(new RegExp(`GET /order/openapi/order/v1/page 401 \\d+\\.\\dms ${requestId}`));
    await m.stop();
    const q = runMock(["--quiet"]);
    const qb = await q.ready;
    await fetch(`${qb}/order/openapi/order/v1/page`, { headers: { "User-Agent": "t" } });
    await q.stop();
    expect(q.out()).not.toContain("/order/openapi/order/v1/page");
  });

  it("takes credentials from the environment and does not print a secret the user chose", async () => {
    const m = runMock([], { MOCK_CLIENT_ID: "my-id", MOCK_CLIENT_SECRET: "my-secret" });
    const base = await m.ready;
    expect(m.out()).toContain("demo client_id      my-id");
    expect(m.out()).not.toContain("my-secret");
    const r = await fetch(`${base}/auth/openapi/v1/oauth/token`, {
      method: "POST",
      headers: { "User-Agent": "t", "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=pp_credentials&client_id=my-id&client_secret=my-secret",
    });
    expect(r.status).toBe(200);
    await m.stop();
  });

  it("GET / leads a newcomer to the page", async () => {
    const m = runMock(["--quiet"]);
    const base = await m.ready;
    const root = await fetch(`${base}/`, { redirect: "manual" });
    expect([root.status, root.headers.get("location")]).toEqual([302, "/__mock/ui/"]);
    expect(m.out()).toContain(`page                ${base}/__mock/ui/`);
    await m.stop();
  });

  it("turns the control API off by default on a non-loopback address", async () => {
    const m = runMock(["--host", "0.0.0.0"]);
    const base = await m.ready;
    expect(m.out()).toContain("control API         off");
    // It says how to turn it on, and still points a newcomer at the reference.
    expect(m.out()).toContain("turn it on with --control-token T (or MOCK_CONTROL_TOKEN) or --control");
    expect(m.out()).toMatch(/API reference +http:\/\/0\.0\.0\.0:\d+\/docs\//);
    const local = base.replace("0.0.0.0", "127.0.0.1");
    const r = await fetch(`${local}/__mock/health`, { headers: { "User-Agent": "t" } });
    expect(r.status).toBe(404);
    // GET / leads to the reference when there is no page.
    const root = await fetch(`${local}/`, { redirect: "manual" });
    expect([root.status, root.headers.get("location")]).toEqual([302, "/docs/"]);
    await m.stop();
  });

  it("explains bad flags, a taken port and a bad seed, and exits 1", async () => {
    const bad = runMock(["--port", "99999"]);
    expect(await bad.exited).toBe(1);
    expect(bad.err()).toContain("--port must be a whole number from 0 to 65535");

    const unknown = runMock(["--colour"]);
    expect(await unknown.exited).toBe(1);
    expect(unknown.err()).toMatch(/Unknown option '--colour'[\s\S]*Usage: partner-portal-mock/);

    const first = runMock([]);
    const port = new URL(await first.ready).port;
    const second = runMock(["--port", port]);
    expect(await second.exited).toBe(1);
    expect(second.err()).toContain(`127.0.0.1:${port} is already in use`);
    await first.stop();

    const seed = join(dir, "seed.json");
    writeFileSync(seed, JSON.stringify({ products: [], account: {} }));
    const s = runMock(["--seed", seed]);
    expect(await s.exited).toBe(1);
    expect(s.err()).toContain(`${seed}: products: must NOT have fewer than 1 items`);
  });

  it("--help prints the options", async () => {
    const m = runMock(["--help"]);
    expect(await m.exited).toBe(0);
    expect(m.out()).toContain("--state-file FILE");
  });

  it("--version prints the package's version", async () => {
    const m = runMock(["--version"]);
    expect(await m.exited).toBe(0);
    const { version } = JSON.parse(readFileSync(fromRoot("package.json"), "utf8")) as { version: string };
    expect(m.out()).toBe(`${version}\n`);
  });

  it("--quiet still prints one ready line with the URL first, so a script can read the port after --port 0", async () => {
    const m = runMock(["--quiet"]);
    const base = await m.ready;
    expect(m.out().split("\n")[0]).toBe(`listening ${base}`);
    expect(m.out().split("\n")[0]).toMatch(/^listening http:\/\/127\.0\.0\.1:\d+$/);
    await m.stop();
  });

  it("every start-up failure is one line on stderr and exit 1, never a stack trace", async () => {
    const first = runMock([]);
    const port = new URL(await first.ready).port;
    const state = join(dir, "bad.state");
    writeFileSync(state, "not a state file\n");
    const seed = join(dir, "broken-seed.json");
    writeFileSync(seed, "{ not json");
    const failures: Array<[string[], RegExp]> = [
      [["--host", "999.1.1.1"], /cannot listen on 999\.1\.1\.1: no such host or address/],
      // Not an address of this machine: the bind fails (EADDRNOTAVAIL); nothing is sent to it.
      [["--host", "10.255.255.1"], /cannot listen on 10\.255\.255\.1: it is not an address of this machine/],
      [["--port", port], /is already in use/],
      [["--seed", seed], /broken-seed\.json/],
      [["--seed", join(dir, "missing-seed.json")], /missing-seed\.json/],
      [["--state-file", state], /bad\.state/],
    ];
    for (const [args, message] of failures) {
      const m = runMock(args);
      expect(await m.exited, args.join(" ")).toBe(1);
      const lines = m.err().trim().split("\n");
      expect(lines, m.err()).toHaveLength(1);
      expect(lines[0]).toMatch(/^mock: /);
      expect(lines[0]).toMatch(message);
      expect(m.err()).not.toMatch(/\n\s+at /);
    }
    await first.stop();
  }, 60_000);

  it("checks the values of the new flags and their environment variables, naming the flag", async () => {
    const bad: Array<[string[], Record<string, string>, string]> = [
      [["--reference-field", "poNumber"], {}, "--reference-field must be customReferenceNo or none, got poNumber"],
      [[], { MOCK_REFERENCE_FIELD: "x" }, "--reference-field must be customReferenceNo or none, got x"],
      [["--max-orders-per-account", "0"], {}, "--max-orders-per-account must be a whole number, at least 1"],
      [[], { MOCK_MAX_ORDERS_PER_ACCOUNT: "1.5" }, "--max-orders-per-account must be a whole number, at least 1"],
      [["--max-subscribers=-1"], {}, "--max-subscribers must be a whole number, at least 1"],
      [[], { MOCK_MAX_SUBSCRIBERS: "many" }, "--max-subscribers must be a whole number, at least 1"],
    ];
    for (const [args, env, message] of bad) {
      const m = runMock(args, env);
      expect(await m.exited).toBe(1);
      expect(m.err()).toContain(message);
    }
    const ok = runMock(["--quiet", "--max-orders-per-account", "10", "--max-subscribers", "2"]);
    await ok.ready;
    await ok.stop();
  });

  it("MOCK_REFERENCE_FIELD=none reaches the service: the order list does not show the poNumber", async () => {
    for (const [env, shown] of [
      [{}, true],
      [{ MOCK_REFERENCE_FIELD: "none" }, false],
    ] as const) {
      const m = runMock(["--quiet"], env);
      const base = await m.ready;
      const headers = { "User-Agent": "t" };
      const t = await fetch(`${base}/auth/openapi/v1/oauth/token`, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
        body: "grant_type=pp_credentials&client_id=demo-client-id&client_secret=demo-client-secret",
      });
      const auth = { ...headers, Authorization: `Bearer ${((await t.json()) as any).result.token}` };
      const order = await fetch(`${base}/order/openapi/order/v1/save`, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json" },
        body: json({ ...expandBody(), poNumber: "PO-cli-1" }),
      });
      expect(order.status).toBe(200);
      const list = await (await fetch(`${base}/order/openapi/order/v1/page`, { headers: auth })).text();
      expect(list.includes("PO-cli-1"), list).toBe(shown);
      await m.stop();
    }
  });
});
