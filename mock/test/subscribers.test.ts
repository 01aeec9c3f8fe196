// The live log's subscribers are capped: one past the cap gets 429 in the vendor envelope; a freed slot is
// taken again. Waits on conditions only (answers arriving, the subscriber count), never on wall time.
import http, { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, it, vi } from "vitest";
import { createMock } from "../create.ts";
import { DEFAULT_MAX_SUBSCRIBERS } from "../routes/control.ts";

const servers: http.Server[] = [];
const open: IncomingMessage[] = [];
afterEach(async () => {
  for (const r of open.splice(0)) r.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => (s.closeAllConnections(), s.close(r)))));
});

/** A GET /__mock/events whose answer has started (for a subscriber: once it is subscribed). */
const subscribe = (port: number) =>
  new Promise<IncomingMessage>((resolve, reject) => {
    http.get({ host: "127.0.0.1", port, path: "/__mock/events", agent: false }, resolve).on("error", reject);
  });
const text = (r: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let s = "";
    r.on("data", (d: Buffer) => (s += d.toString())).on("end", () => resolve(s));
  });

it(`the ${DEFAULT_MAX_SUBSCRIBERS + 1}th live-log subscriber gets 429 too_many_requests; a freed slot is taken again`, async () => {
  const m = await createMock({ quiet: true });
  const server = createServer(m.handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  for (let i = 0; i < DEFAULT_MAX_SUBSCRIBERS; i++) {
    const r = await subscribe(port);
    expect(r.statusCode).toBe(200);
    open.push(r);
  }
  expect(m.log.subscribers).toBe(DEFAULT_MAX_SUBSCRIBERS);

  const refused = await subscribe(port);
  expect(refused.statusCode).toBe(429);
  const env = JSON.parse(await text(refused));
  expect(env).toMatchObject({ code: "too_many_requests", status: 429, result: { field: "subscribers" } });
  expect(env.requestId).toMatch(/^[0-9a-f]{32}$/);
  expect(env.detailMessage).toMatch(/^subscribers: 16 live-log subscribers/);
  expect(m.log.subscribers).toBe(DEFAULT_MAX_SUBSCRIBERS);

  open.shift()!.destroy();
  await vi.waitFor(() => expect(m.log.subscribers).toBe(DEFAULT_MAX_SUBSCRIBERS - 1), { timeout: 20_000 });
  const again = await subscribe(port);
  open.push(again);
  expect(again.statusCode).toBe(200);
  expect(m.log.subscribers).toBe(DEFAULT_MAX_SUBSCRIBERS);
});

it("the cap is the maxSubscribers option (--max-subscribers)", async () => {
  const m = await createMock({ quiet: true, maxSubscribers: 2 });
  const server = createServer(m.handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  for (let i = 0; i < 2; i++) open.push(await subscribe(port));
  const refused = await subscribe(port);
  expect(refused.statusCode).toBe(429);
  expect(JSON.parse(await text(refused)).detailMessage).toMatch(/^subscribers: 2 live-log subscribers/);
});
