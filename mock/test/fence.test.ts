// Nothing visible that is not durable: once a change could not be made durable, the mock answers every request,
// reads included, with 503 until it is restarted; a restart holds exactly what was made durable.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createPartnerPortalClient, OrderOutcomeUnknown, placeOrder } from "../../src/index.ts";
import { parseJson } from "../../openapi/json.ts";
import { createApp } from "../app.ts";
import { createService } from "../create.ts";
import type { ChangeRecord, ChangeSink } from "../domain/service.ts";
import { EXTENSIONS, expandBody, json } from "./bodies.ts";

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A sink that makes records durable one tick later, and fails for good at the `failAt`-th order record. */
function failingSink(failAt: number) {
  const durable: ChangeRecord[] = [];
  let orders = 0;
  const sink: ChangeSink & { failure?: string } = {
    append(record) {
      if (sink.failure) return Promise.reject(new Error(sink.failure));
      if (record.t === "order" && ++orders === failAt) {
        sink.failure = "short write: 671 of 1086 bytes";
        return new Promise((_, reject) => setImmediate(() => reject(new Error(sink.failure))));
      }
      return new Promise((resolve) => setImmediate(() => (durable.push(structuredClone(record)), resolve())));
    },
  };
  return { sink, durable };
}

async function start(failAt: number) {
  const service = createService();
  const { sink, durable } = failingSink(failAt);
  service.setSink(sink);
  await service.seedDemo();
  const app = createApp(service, { quiet: true, strict: true });
  const server = createServer(app.handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let token = "";
  const call = async (method: string, path: string, body?: string, type = "application/json") => {
    const headers: Record<string, string> = { "User-Agent": "fence-test", "Content-Type": type };
    if (token) headers.Authorization = `Bearer ${token}`;
    const r = await fetch(base + path, { method, headers, body: body ?? null });
    return { status: r.status, body: parseJson(await r.text()) as { code: string; result: any } };
  };
  const form = "grant_type=pp_credentials&client_id=demo-client-id&client_secret=demo-client-secret";
  token = (await call("POST", "/auth/openapi/v1/oauth/token", form, "application/x-www-form-urlencoded")).body.result
    .token;
  /** What a restart would hold: the durable records replayed on a fresh service. */
  const restarted = () => {
    const fresh = createService();
    for (const r of durable) fresh.apply(structuredClone(r));
    return fresh.account("demo-client-id")!.orders.map((o) => o.orderNo);
  };
  return { base, call, form, restarted, service };
}

const ORDER = "/order/openapi/order/v1/save";

describe("after a failed write", () => {
  it("every request, reads included, answers 503 until a restart, and the restart holds only durable orders", async () => {
    const m = await start(2);
    const first = await m.call("POST", ORDER, json(expandBody(1, EXTENSIONS)));
    expect(first.status).toBe(200);
    const failed = await m.call("POST", ORDER, json(expandBody(2, EXTENSIONS)));
    expect(failed.status).toBe(503);
    expect(failed.body.code).toBe("service_unavailable");
    for (const path of [
      "/order/openapi/order/v1/page?pageNo=1&pageSize=10",
      "/__mock/accounts/demo-client-id",
      "/__mock/accounts",
    ])
      expect((await m.call("GET", path)).status, path).toBe(503);
    const token = await m.call("POST", "/auth/openapi/v1/oauth/token", m.form, "application/x-www-form-urlencoded");
    expect(token.status).toBe(503);
    expect(m.restarted()).toEqual([first.body.result.orderNo]);
  });

  it("of 24 concurrent orders, every acknowledged one is durable and none is acknowledged after the failure", async () => {
    const m = await start(9);
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) => m.call("POST", ORDER, json(expandBody(i + 1, EXTENSIONS)))),
    );
    const acknowledged = answers.filter((a) => a.status === 200).map((a) => a.body.result.orderNo as string);
    expect(answers.every((a) => a.status === 200 || a.status === 503)).toBe(true);
    expect(answers.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    const held = m.restarted();
    for (const orderNo of acknowledged) expect(held).toContain(orderNo);
    expect((await m.call("GET", "/order/openapi/order/v1/page?pageNo=1&pageSize=50")).status).toBe(503);
  });

  it("the client's placeOrder ends with OrderOutcomeUnknown, never with an order reconciled and then lost", async () => {
    const m = await start(1);
    const client = createPartnerPortalClient({
      baseUrl: m.base,
      clientId: "demo-client-id",
      clientSecret: "demo-client-secret",
    });
    const body = { ...expandBody(3, EXTENSIONS) } as never;
    const err = await placeOrder(client, body, { lookWindowMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrderOutcomeUnknown);
    expect(m.restarted()).toEqual([]);
  });
});
