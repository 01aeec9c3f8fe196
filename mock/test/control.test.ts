// The control API: reset, isolated accounts, state, clocks and faults.
import http, { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import request from "supertest";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { compiledControlSpec, compiledSpec } from "../../openapi/compiled.ts";
import { parseJson } from "../../openapi/json.ts";
import { createMock } from "../create.ts";
import { Harness, ORDER, UA, expectEnvelopeError } from "./harness.ts";
import { expandBody, json, trialBody } from "./bodies.ts";

let h: Harness;
beforeEach(async () => {
  h = await Harness.create();
});
const ctl = () => request(h.handler);
const body = (r: request.Response) => parseJson(r.text) as any;

describe("accounts", () => {
  it("an isolated account has fresh credentials and the demo seed, and shares nothing with the demo account", async () => {
    const demoToken = await h.token();
    const iso = await new Harness(h.mock).isolate();
    expect(iso.creds.clientId).not.toBe("demo-client-id");
    const isoToken = await iso.token();
    // The documented requests work verbatim in the isolated account too.
    expect((await iso.order(json(trialBody()), isoToken)).status).toBe(200);
    expect((await h.order(json(trialBody()), demoToken)).status).toBe(200);
    await iso.order(json(expandBody(3)), isoToken);
    const demoOrders = await h.get("/order/openapi/order/v1/page", demoToken);
    expect(demoOrders.body.result.total).toBe(0);
    const isoOrders = await iso.get("/order/openapi/order/v1/page", isoToken);
    expect(isoOrders.body.result.total).toBe(1);
    // One account cannot read another's order.
    const id = isoOrders.body.result.results[0].id;
    expectEnvelopeError(await h.get(`/order/openapi/order/v1/get/${id}`, demoToken), 404, "resource_not_found", "id");
  });

  it("orders of every kind in one account never change another account's state", async () => {
    const other = await new Harness(h.mock).isolate();
    const otherBefore = other.snapshot();
    const demoBefore = h.snapshot();
    const iso = await new Harness(h.mock).isolate();
    const t = await iso.token();
    for (const body of [
      trialBody(),
      expandBody(9),
      { ...expandBody(2), partnerId: 3076913644915998721n },
      { ...trialBody(), partnerId: 3076913644915998722n },
    ])
      expect((await iso.order(json(body), t)).status).toBe(200);
    expect(other.snapshot().replace(/"ids":.*$/, "")).toBe(otherBefore.replace(/"ids":.*$/, ""));
    expect(h.snapshot().replace(/"ids":.*$/, "")).toBe(demoBefore.replace(/"ids":.*$/, ""));
    // Another account's token cannot read this account's orders, by ID or by number.
    const mine = iso.mock.service.account(iso.creds.clientId)!.orders.find((o) => o.orderId)!;
    const otherToken = await other.token();
    for (const id of [mine.orderId!, mine.orderNo])
      expectEnvelopeError(
        await other.get(`/order/openapi/order/v1/get/${id}`, otherToken),
        404,
        "resource_not_found",
        "id",
      );
  });

  it("reads an account's whole state, newest order first, with the request body as sent", async () => {
    await h.order(json(expandBody(4)));
    const s = body(await ctl().get("/__mock/accounts/demo-client-id")).result;
    expect(s.instances.find((i: any) => i.instanceId === "1948832")).toMatchObject({ status: "active" });
    expect(s.orders[0].requestText).toContain('"billingId":3197218168379846218');
    expect(s.orders[0].result.orderNo).toBe("GQ3401181709772259328");
    expect(body(await ctl().get("/__mock/accounts/nobody")).code).toBe("resource_not_found");
  });

  it("reset restores the seed and removes isolated accounts", async () => {
    const iso = await new Harness(h.mock).isolate();
    await h.order(json(trialBody()));
    const r = await ctl().post("/__mock/reset").send({});
    expect(r.status).toBe(200);
    expect(h.mock.service.account(iso.creds.clientId)).toBeUndefined();
    expect(h.mock.service.account("demo-client-id")!.orders).toEqual([]);
    expect((await h.order(json(trialBody()))).status).toBe(200);
  });
});

describe("clock", () => {
  it("advances one account's clock only, and refuses going back", async () => {
    const iso = await new Harness(h.mock).isolate();
    const r = body(await ctl().post(`/__mock/accounts/${iso.creds.clientId}/clock/advance`).send({ seconds: 86400 }));
    expect(Date.parse(r.result.now) - Date.now()).toBeGreaterThan(86_000_000);
    expect(body(await ctl().get("/__mock/accounts/demo-client-id")).result.clock.offsetSeconds).toBe(0);
    const bad = body(await ctl().post("/__mock/clock/advance").send({ seconds: -5 }));
    expect(bad).toMatchObject({ code: "parameter_validation_failed", result: { field: "seconds" } });
  });

  it("a trial expires when the clock passes its 30 days", async () => {
    const t = await h.order(json(trialBody()));
    await h.advance(31 * 24 * 3600);
    const s = body(await ctl().get("/__mock/accounts/demo-client-id")).result;
    expect(s.instances.find((i: any) => i.instanceId === t.body.result.instanceId).status).toBe("expired");
  });
});

describe("faults", () => {
  const fault = (spec: object) => ctl().post("/__mock/faults").send(spec).then(body);

  it("an error fault answers the given status and code for the next N matching requests, then stops", async () => {
    const token = await h.token();
    const f = await fault({
      kind: "error",
      operationId: "createOrder",
      status: 503,
      code: "service_unavailable",
      count: 2,
    });
    expect(f.result.id).toMatch(/^fault_/);
    const before = h.snapshot();
    for (let i = 0; i < 2; i++)
      expectEnvelopeError(await h.order(json(expandBody()), token), 503, "service_unavailable");
    expect(h.snapshot()).toBe(before);
    expect((await h.order(json(expandBody()), token)).status).toBe(200);
    expect(body(await ctl().get("/__mock/faults")).result).toEqual([]);
  });

  it("a fault scoped to one account leaves others alone", async () => {
    const iso = await new Harness(h.mock).isolate();
    await fault({ kind: "error", status: 500, clientId: iso.creds.clientId, count: 5 });
    expect((await h.order(json(expandBody()))).status).toBe(200);
    expectEnvelopeError(await iso.get("/order/openapi/order/v1/page", await iso.token()), 500, "internal_error");
  });

  it("latency delays the answer: a later request overtakes it, then it arrives unchanged", async () => {
    const token = await h.token();
    await fault({ kind: "latency", latencyMs: 1500, path: "/order/openapi/order/v1/page" });
    const order: string[] = [];
    const delayed = h.get("/order/openapi/order/v1/page", token).then((r) => (order.push("delayed"), r));
    // The fault is taken once the request is in: from then on it sleeps.
    await vi.waitFor(() => expect(h.mock.faults.list()).toEqual([]));
    const other = await h.get("/user/openapi/user/v1/client/billing_contact_list", token);
    order.push("other");
    expect(other.status).toBe(200);
    expect((await delayed).status).toBe(200);
    expect(order).toEqual(["other", "delayed"]);
  });

  describe("over a real socket", () => {
    let server: http.Server;
    let base: string;
    afterEach(() => server?.close());
    const listen = async () => {
      const m = await createMock({ quiet: true, strict: true });
      h = new Harness(m);
      server = createServer(m.handler).listen(0, "127.0.0.1");
      await new Promise((r) => server.once("listening", r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    };
    const post = async (token: string) =>
      fetch(`${base}${ORDER}`, {
        method: "POST",
        headers: { "User-Agent": UA, Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: json(expandBody(2)),
      });

    it("drop closes the connection without an answer and without an order", async () => {
      await listen();
      const token = await h.token();
      await fault({ kind: "drop", operationId: "createOrder" });
      await expect(post(token)).rejects.toThrow();
      expect(h.mock.service.account("demo-client-id")!.orders).toHaveLength(0);
    });

    it("lose-response creates the order but the client never hears of it", async () => {
      await listen();
      const token = await h.token();
      await fault({ kind: "lose-response", operationId: "createOrder" });
      await expect(post(token)).rejects.toThrow();
      const orders = h.mock.service.account("demo-client-id")!.orders;
      expect(orders).toHaveLength(1);
      expect((await post(token)).status).toBe(200);
      expect(orders).toHaveLength(2);
    });
  });

  it("refuses a fault it cannot apply, naming the field", async () => {
    expect(await fault({ kind: "explode" })).toMatchObject({
      code: "parameter_validation_failed",
      result: { field: "kind" },
    });
    expect(await fault({ kind: "error", status: 200 })).toMatchObject({
      code: "parameter_validation_failed",
      result: { field: "status" },
    });
    expect(
      body(await ctl().post("/__mock/faults").set("Content-Type", "application/json").send("{oops")),
    ).toMatchObject({ result: { field: "body" } });
  });
});

describe("protection", () => {
  it("a control token is required when set", async () => {
    const locked = await createMock({ quiet: true, controlToken: "s3cret" });
    expect(body(await request(locked.handler).post("/__mock/reset").send({})).code).toBe("unauthorized");
    expect(
      (await request(locked.handler).post("/__mock/reset").send({}).set("X-Mock-Control-Token", "s3cret")).status,
    ).toBe(200);
  });

  it("with control off, /__mock is not there", async () => {
    const off = await createMock({ quiet: true, control: false });
    const r = await request(off.handler).post("/__mock/reset").send({}).set("User-Agent", UA);
    expect(r.status).toBe(404);
    expect(body(r).code).toBe("api_not_found");
  });
});

describe("the control API is validated by its own spec (openapi/mock-control.yaml)", () => {
  const arm = (fault: unknown) =>
    request(h.handler).post("/__mock/faults").set("Content-Type", "application/json").send(JSON.stringify(fault));
  for (const [what, fault, status, field] of [
    ["an unknown kind", { kind: "explode" }, 400, "kind"],
    [
      "an operationId the vendor API does not have",
      { kind: "error", operationId: "noSuchOperation" },
      400,
      "operationId",
    ],
    ["a clientId of no account", { kind: "error", clientId: "nobody" }, 404, "clientId"],
    ["a code outside the vendor's vocabulary", { kind: "error", code: "made_up" }, 400, "code"],
    ["an unknown field", { kind: "error", colour: "red" }, 400, "colour"],
    ["a count of 0", { kind: "error", count: 0 }, 400, "count"],
  ] as const)
    it(`refuses a fault with ${what}: ${status} naming ${field}, nothing armed`, async () => {
      const r = await arm(fault);
      expect(r.status, r.text).toBe(status);
      expect(body(r).result.field).toBe(field);
      expect(h.mock.faults.list()).toEqual([]);
    });

  it("the clock takes only a number of seconds", async () => {
    const r = await request(h.handler)
      .post("/__mock/clock/advance")
      .set("Content-Type", "application/json")
      .send({ seconds: "a day" });
    expect(r.status).toBe(400);
    expect(body(r).result.field).toBe("seconds");
  });

  it("its fault operationIds are exactly the vendor API's", () => {
    const vendor = compiledSpec()
      .operations.map((op) => op.operationId)
      .sort();
    const schema = (compiledControlSpec().spec.components as any).schemas.FaultSpec.properties.operationId.enum;
    expect([...schema].sort()).toEqual(vendor);
  });
});
