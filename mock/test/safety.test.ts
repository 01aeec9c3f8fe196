// Safe on a laptop: no web page can drive the control API (cross-origin, text/plain, DNS rebinding); a live-log
// subscriber that stops reading is cut off; accounts and faults are capped; idle accounts expire.
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseJson } from "../../openapi/json.ts";
import { createMock } from "../create.ts";
import { MAX_FAULTS } from "../faults.ts";
import { MAX_QUEUED_EVENT_BYTES } from "../routes/control.ts";
import { Harness } from "./harness.ts";

const code = (r: request.Response) => (parseJson(r.text) as { code: string }).code;
const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

describe("the control API refuses what a web page could send", () => {
  it("a cross-site text/plain POST (no preflight) to /__mock/faults arms nothing: 415", async () => {
    const m = await createMock({ quiet: true });
    const r = await request(m.handler)
      .post("/__mock/faults")
      .set("Content-Type", "text/plain")
      .set("Origin", "http://evil.example")
      .send('{"kind":"error","count":5}');
    expect(r.status).toBe(403);
    const plain = await request(m.handler)
      .post("/__mock/faults")
      .set("Content-Type", "text/plain")
      .send('{"kind":"error"}');
    expect(plain.status).toBe(415);
    expect(code(plain)).toBe("unsupported_media_type");
    const form = await request(m.handler).post("/__mock/reset").type("form").send({ a: "1" });
    expect(form.status).toBe(415);
    const empty = await request(m.handler).post("/__mock/reset");
    expect(empty.status).toBe(415);
    expect(m.faults.list()).toEqual([]);
  });

  it("a cross-origin request gets 403, whatever its method; the mock's own origin and no Origin pass", async () => {
    const m = await createMock({ quiet: true });
    const orders = m.service.account("demo-client-id")!.orders;
    for (const [method, path] of [
      ["post", "/__mock/reset"],
      ["get", "/__mock/accounts"],
      ["post", "/__mock/accounts"],
      ["delete", "/__mock/faults"],
    ] as const) {
      const r = await request(m.handler)
        [method](path)
        .set("Origin", "http://evil.example")
        .set("Content-Type", "application/json")
        .send("{}");
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(code(r)).toBe("forbidden");
    }
    expect(m.service.accounts()).toHaveLength(1);
    expect(m.service.account("demo-client-id")!.orders).toBe(orders);
    const ok = await request(m.handler).post("/__mock/accounts").set("Content-Type", "application/json").send("{}");
    expect(ok.status).toBe(200);
  });

  it("a DNS-rebinding page (Host: its own name) gets 403; localhost, 127.0.0.1 and the page's own origin pass", async () => {
    const m = await createMock({ quiet: true });
    const server = createServer(m.handler);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    const get = (host: string, origin?: string) =>
      fetch(`http://127.0.0.1:${port}/__mock/accounts`, {
        headers: { Host: host, ...(origin ? { Origin: origin } : {}) },
      }).then((r) => r.status);
    // fetch does not let a caller set Host; a raw request does, as a rebinding browser's would arrive.
    const raw = (host: string) =>
      new Promise<string>((resolve) => {
        const s = connect(port, "127.0.0.1", () =>
          s.write(`GET /__mock/accounts HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
        );
        let text = "";
        s.on("data", (d: Buffer) => (text += d.toString()));
        s.on("close", () => resolve(text.split("\r\n")[0]!));
      });
    expect(await raw(`rebind.evil.example:${port}`)).toBe("HTTP/1.1 403 Forbidden");
    expect(await raw(`localhost:${port}`)).toBe("HTTP/1.1 200 OK");
    expect(await raw(`127.0.0.1:${port}`)).toBe("HTTP/1.1 200 OK");
    expect(await get(`127.0.0.1:${port}`, `http://127.0.0.1:${port}`)).toBe(200);
    expect(await get(`127.0.0.1:${port}`, `http://localhost:${port}`)).toBe(403);
  });

  it("with a control token the Host check is not needed (a page cannot know the token)", async () => {
    const m = await createMock({ quiet: true, controlToken: "t0ken" });
    const r = await request(m.handler)
      .get("/__mock/accounts")
      .set("Host", "mock.internal:4000")
      .set("X-Mock-Control-Token", "t0ken");
    expect(r.status).toBe(200);
    const wrong = await request(m.handler)
      .get("/__mock/accounts")
      .set("Host", "mock.internal:4000")
      .set("X-Mock-Control-Token", "t0keN");
    expect(wrong.status).toBe(401);
  });
});

describe("bounded by design", () => {
  it("a live-log subscriber that stops reading is cut off past its queue cap; others are unaffected", async () => {
    const m = await createMock({ quiet: true });
    const server = createServer(m.handler);
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    const socket = connect(port, "127.0.0.1");
    socket.write(`GET /__mock/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    await vi.waitFor(() => expect(m.log.subscribers).toBe(1));
    socket.pause(); // never reads again
    const entry = {
      at: Date.now(),
      method: "GET",
      url: `/x/${"y".repeat(200)}`,
      path: `/x/${"y".repeat(200)}`,
      status: 200,
      ms: 1,
      requestId: "0".repeat(32),
    };
    // Far more than the cap plus every kernel buffer on the way.
    for (let i = 0; i < 200_000 && m.log.subscribers > 0; i++) {
      m.log.record(entry);
      if (i % 1000 === 0) await new Promise((r) => setImmediate(r));
    }
    expect(m.log.subscribers).toBe(0);
    socket.destroy();
    expect(MAX_QUEUED_EVENT_BYTES).toBeLessThanOrEqual(1024 * 1024);
  });

  it("isolated accounts are capped (429 too_many_requests) and idle ones expire", async () => {
    const h = await Harness.create({ maxAccounts: 3, accountTtlMs: 60_000 });
    const post = () => request(h.handler).post("/__mock/accounts").set("Content-Type", "application/json").send("{}");
    for (let i = 0; i < 3; i++) expect((await post()).status).toBe(200);
    const full = await post();
    expect(full.status).toBe(429);
    expect(code(full)).toBe("too_many_requests");
    expect((parseJson(full.text) as { detailMessage: string }).detailMessage).toContain("--max-accounts");
    // An hour later, all three were idle: they go, the demo account stays, and a new one fits again.
    const [first] = h.mock.service.accounts().filter((a) => a.clientId.startsWith("sandbox-"));
    expect(await h.mock.service.expireIdle(Date.now() + 3_600_000)).toBe(3);
    expect(h.mock.service.account(first!.clientId)).toBeUndefined();
    expect(h.mock.service.account("demo-client-id")).toBeDefined();
    expect((await post()).status).toBe(200);
  });

  it(`at most ${MAX_FAULTS} faults are armed at once`, async () => {
    const m = await createMock({ quiet: true });
    const arm = () =>
      request(m.handler)
        .post("/__mock/faults")
        .set("Content-Type", "application/json")
        .send({ kind: "latency", latencyMs: 1 });
    for (let i = 0; i < MAX_FAULTS; i++) expect((await arm()).status).toBe(200);
    const over = await arm();
    expect(over.status).toBe(429);
    expect(m.faults.list()).toHaveLength(MAX_FAULTS);
  });

  it("the request log keeps the last 500 entries, and logs page assets, docs and 404s too", async () => {
    const lines: string[] = [];
    const m = await createMock({ logOut: (l) => lines.push(l) });
    await request(m.handler).get("/__mock/ui/ui.css");
    await request(m.handler).get("/docs/");
    await request(m.handler).get("/no/such/path").set("User-Agent", "x");
    await vi.waitFor(() => expect(lines.length).toBe(3));
    expect(lines[0]).toMatch(/ GET \/__mock\/ui\/ui\.css 200 /);
    expect(lines[1]).toMatch(/ GET \/docs\/ 200 /);
    expect(lines[2]).toMatch(/ GET \/no\/such\/path 404 /);
    for (let i = 0; i < 600; i++)
      m.log.record({ at: 0, method: "GET", url: "/", path: "/", status: 200, ms: 0, requestId: "x" });
    expect(m.log.recent()).toHaveLength(500);
  });
});
