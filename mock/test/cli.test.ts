// The CLI as a user runs it: what it prints, its flags, its errors, and a clean stop.
import { describe, expect, it } from "vitest";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runMock } from "./spawn.ts";

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
});
