// Concurrency: many simultaneous orders over isolated accounts; every acknowledged order exists exactly once,
// IDs are unique, quantities add up exactly; of simultaneous trials for one account, exactly one wins.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Agent } from "undici";
import { createMock } from "../create.ts";
import type { MockApp } from "../app.ts";
import { parseJson } from "../../openapi/json.ts";
import { EXTENSIONS, expandBody, json, trialBody } from "./bodies.ts";

const ACCOUNTS = 5;
const ORDERS = 1000;
// Extension Expansion: volume without the Ultimate Plan cap (Ultimate extensions <= extensions).
const ULTIMATE = String(EXTENSIONS);
let mock: MockApp;
let server: Server;
let base: string;
// Enough sockets that the requests really are in flight together.
const dispatcher = new Agent({ connections: 256, pipelining: 1 });

beforeAll(async () => {
  mock = await createMock({ quiet: true, strict: true });
  server = createServer(mock.handler).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await dispatcher.close();
});

async function session() {
  const a = await mock.service.createAccount();
  const r = await fetch(`${base}/auth/openapi/v1/oauth/token`, {
    method: "POST",
    headers: { "User-Agent": "load", "Content-Type": "application/x-www-form-urlencoded" },
    body: `grant_type=pp_credentials&client_id=${a.clientId}&client_secret=${a.clientSecret}`,
  });
  return { account: a, token: ((await r.json()) as { result: { token: string } }).result.token };
}

const order = (token: string, body: string) =>
  fetch(`${base}/order/openapi/order/v1/save`, {
    method: "POST",
    headers: { "User-Agent": "load", Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body,
    dispatcher,
  } as RequestInit).then(async (r) => ({ status: r.status, body: parseJson(await r.text()) as any }));

describe("concurrency", () => {
  it(`${ORDERS} simultaneous orders over ${ACCOUNTS} accounts: exactly once, unique IDs, exact sums`, async () => {
    const sessions = await Promise.all(Array.from({ length: ACCOUNTS }, session));
    const start = sessions.map((s) => s.account.instances.find((i) => i.partnerId === "")!.services[ULTIMATE] ?? 0);
    const plan = Array.from({ length: ORDERS }, (_, i) => ({ who: i % ACCOUNTS, quantity: 1 + (i % 7) }));
    const answers = await Promise.all(
      plan.map((p) => order(sessions[p.who]!.token, json(expandBody(p.quantity, EXTENSIONS)))),
    );

    const acked = answers.map((a, i) => ({ ...a, ...plan[i]! })).filter((a) => a.status === 200);
    expect(acked).toHaveLength(ORDERS);
    const orderIds = acked.map((a) => a.body.result.orderId as string);
    const orderNos = acked.map((a) => a.body.result.orderNo as string);
    const txNos = acked.map((a) => a.body.result.transactionNo as string);
    expect(new Set(orderIds).size).toBe(ORDERS);
    expect(new Set(orderNos).size).toBe(ORDERS);
    expect(new Set(txNos).size).toBe(ORDERS);

    sessions.forEach((s, who) => {
      const mine = acked.filter((a) => a.who === who);
      const stored = s.account.orders.map((o) => o.orderId);
      // Every acknowledged order is stored exactly once, and nothing else is.
      expect([...stored].sort()).toEqual(mine.map((a) => a.body.result.orderId).sort());
      const instance = s.account.instances.find((i) => i.partnerId === "")!;
      expect(instance.services[ULTIMATE]).toBe(start[who]! + mine.reduce((n, a) => n + a.quantity, 0));
    });
    // Each account's seeded instance has its own ID.
    expect(new Set(sessions.map((s) => s.account.instances[0]!.instanceId)).size).toBe(ACCOUNTS);
  }, 60_000);

  it("of 50 simultaneous trial requests for one account and product, exactly one succeeds", async () => {
    const s = await session();
    const answers = await Promise.all(Array.from({ length: 50 }, () => order(s.token, json(trialBody()))));
    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.body.code === "trial_already_used")).toHaveLength(49);
    expect(s.account.instances.filter((i) => i.trial)).toHaveLength(1);
    expect(s.account.trialsUsed).toEqual([":14"]);
  });

  it("an order whose answer was lost is still there exactly once", async () => {
    const s = await session();
    mock.faults.add({ kind: "lose-response", operationId: "createOrder", clientId: s.account.clientId, count: 1 });
    await expect(order(s.token, json(expandBody(4)))).rejects.toThrow();
    expect(s.account.orders).toHaveLength(1);
    expect(mock.violations).toEqual([]);
  });

  it("orders held between authentication and the change, with clock moves and a reset racing them", async () => {
    const sessions = await Promise.all(Array.from({ length: 4 }, session));
    // Every order sleeps after it is authenticated and its body read, so the others really interleave.
    for (const s of sessions)
      mock.faults.add({
        kind: "latency",
        operationId: "createOrder",
        clientId: s.account.clientId,
        count: 1000,
        latencyMs: 15,
      });
    const clocks = sessions.map((s) =>
      fetch(`${base}/__mock/accounts/${s.account.clientId}/clock/advance`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ seconds: 600 }), // less than the token's 30 minutes
      }),
    );
    const first = await Promise.all([
      ...Array.from({ length: 80 }, (_, i) => order(sessions[i % 4]!.token, json(expandBody(1, EXTENSIONS)))),
      ...clocks,
    ]);
    const acked = first.slice(0, 80).filter((a: any) => a.status === 200);
    expect(acked).toHaveLength(80);
    for (const s of sessions) {
      const live = mock.service.account(s.account.clientId)!;
      expect(live.orders).toHaveLength(20);
      expect(live.clockOffsetMs).toBe(600_000);
    }

    // A reset lands while 40 orders sleep (every fault taken means every order is past authentication): each
    // is refused with account_changed and changes nothing; none is acknowledged into a removed account.
    mock.faults.clear();
    for (const s of sessions)
      mock.faults.add({
        kind: "latency",
        operationId: "createOrder",
        clientId: s.account.clientId,
        count: 10,
        latencyMs: 500,
      });
    const held = Array.from({ length: 40 }, (_, i) => order(sessions[i % 4]!.token, json(expandBody(1, EXTENSIONS))));
    await vi.waitFor(() => expect(mock.faults.list()).toEqual([]), { timeout: 20_000 });
    await fetch(`${base}/__mock/reset`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    const after = await Promise.all(held);
    expect(after.map((a) => `${a.status} ${a.body.code}`)).toEqual(after.map(() => "409 account_changed"));
    for (const s of sessions) expect(mock.service.account(s.account.clientId)).toBeUndefined();
    mock.faults.clear();
  }, 60_000);
});
