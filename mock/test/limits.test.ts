// Defaults that protect the mock: loopback only, slow clients cut off, secrets never in the output.
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { runMock } from "./spawn.ts";

describe("limits", () => {
  it("binds 127.0.0.1 by default", async () => {
    const m = runMock([]);
    expect(await m.ready).toMatch(/^http:\/\/127\.0\.0\.1:/);
    await m.stop();
  });

  it("--no-control turns the control API off, even on loopback", async () => {
    const m = runMock(["--no-control", "--quiet"]);
    const base = await m.ready;
    expect(m.out()).toContain("control API         off");
    expect(
      (
        await fetch(`${base}/__mock/accounts`, {
          method: "POST",
          headers: { "User-Agent": "t", "Content-Type": "application/json" },
          body: "{}",
        })
      ).status,
    ).toBe(404);
    await m.stop();
  });

  it("closes a connection whose headers never finish, and keeps serving others", async () => {
    const m = runMock(["--quiet", "--headers-timeout", "500", "--request-timeout", "1000"]);
    const { hostname, port } = new URL(await m.ready);
    const sock = connect(Number(port), hostname);
    let answer = "";
    sock.on("data", (d: Buffer) => (answer += d.toString()));
    sock.write("GET /order/openapi/order/v1/page HTTP/1.1\r\nHost: x\r\nUser-Agent: slow\r\n");
    // It is closed by the mock (the test's own timeout would fail a mock that never closes it).
    await new Promise<void>((r) => sock.once("close", () => r()));
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    const ok = await fetch(`${await m.ready}/__mock/health`);
    expect(ok.status).toBe(200);
    await m.stop();
  });

  it("never writes a client secret, an access token or a refresh token to its output", async () => {
    const m = runMock([]);
    const base = await m.ready;
    const acct = (
      (await (
        await fetch(`${base}/__mock/accounts`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: "{}",
        })
      ).json()) as {
        result: { clientId: string; clientSecret: string };
      }
    ).result;
    const form = (body: string) =>
      fetch(`${base}/auth/openapi/v1/oauth/token?client_secret=${acct.clientSecret}`, {
        method: "POST",
        headers: { "User-Agent": "t", "Content-Type": "application/x-www-form-urlencoded" },
        body,
      });
    const tok = (
      (await (
        await form(`grant_type=pp_credentials&client_id=${acct.clientId}&client_secret=${acct.clientSecret}`)
      ).json()) as { result: { token: string; refreshToken: string } }
    ).result;
    await form(`grant_type=refresh_token&refresh_token=${tok.refreshToken}`);
    await form(`grant_type=pp_credentials&client_id=${acct.clientId}&client_secret=wrong-${acct.clientSecret}`);
    await fetch(`${base}/order/openapi/order/v1/page?access_token=${tok.token}`, {
      headers: { "User-Agent": "t", Authorization: `Bearer ${tok.token}x` },
    });
    await new Promise((r) => setTimeout(r, 200));
    await m.stop();
    const all = m.out() + m.err();
    expect(all).toContain("/auth/openapi/v1/oauth/token");
    for (const secret of [acct.clientSecret, tok.token, tok.refreshToken]) expect(all).not.toContain(secret);
  });
});
