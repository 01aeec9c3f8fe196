// Validation cost is bounded by the schema's limits, not by the body: sizes and counts are checked before items
// are, so a body far past a limit is refused after one error, not after checking every item (21,000 empty
// order items used to collect 63,003 errors and hold the event loop for 5 s). Counted, not timed.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compiledSpec } from "../../openapi/compiled.ts";
import { parseJson } from "../../openapi/json.ts";
import { expectEnvelopeError, Harness, ORDER, TOKEN } from "./harness.ts";

let h: Harness;
let token: string;
let server: Server;
let base: string;
beforeAll(async () => {
  h = await Harness.create();
  token = await h.token();
  server = createServer(h.mock.handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

const op = (id: string) => compiledSpec().operations.find((o) => o.operationId === id)!;
const bigOrder = () =>
  JSON.stringify({ operationType: "purchase_plan", productId: 14, serviceList: Array(21000).fill({}) });
/** 8,000 unknown fields: as many errors under allErrors, one each. */
const manyFields = () => `grant_type=pp_credentials${Array.from({ length: 8000 }, (_, i) => `&f${i}=`).join("")}`;

describe("validation cost follows the schema's limits, not the body", () => {
  it("21,000 empty items past maxItems 20: one error (not 63,003), and 400 naming serviceList", async () => {
    const text = bigOrder();
    expect(Buffer.byteLength(text)).toBeLessThan(64 * 1024);
    const validate = op("createOrder").bodies.get("application/json")!;
    expect(validate(parseJson(text, "string"))).toBe(false);
    expect(validate.errors).toHaveLength(1);
    const before = h.snapshot();
    const r = await h.order(text, token);
    expectEnvelopeError(r, 400, "parameter_validation_failed", "serviceList");
    expect(r.body.detailMessage).toBe("serviceList: must NOT have more than 20 items (got 21000 items)");
    expect(h.snapshot()).toBe(before);
  });

  it("within the limits, errors stay bounded: 20 items of 16 unknown fields each", () => {
    const item = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 1]));
    const validate = op("createOrder").bodies.get("application/json")!;
    expect(validate({ operationType: "purchase_plan", productId: 14, serviceList: Array(20).fill(item) })).toBe(false);
    expect(validate.errors!.length).toBeLessThan(20 * 24);
  });

  it("thousands of unknown fields (an object, or a form) are refused after one error, naming the first", async () => {
    const fields = Object.fromEntries(Array.from({ length: 8000 }, (_, i) => [`k${i}`, 1]));
    const validate = op("createOrder").bodies.get("application/json")!;
    expect(validate({ operationType: "purchase_plan", productId: 14, serviceList: [{}], ...fields })).toBe(false);
    expect(validate.errors).toHaveLength(1);
    const formValidate = op("requestToken").bodies.get("application/x-www-form-urlencoded")!;
    expect(formValidate(Object.fromEntries(new URLSearchParams(manyFields())))).toBe(false);
    expect(formValidate.errors).toHaveLength(1);
    const r = await h.post(TOKEN, manyFields(), undefined, "application/x-www-form-urlencoded");
    expectEnvelopeError(r, 400, "parameter_validation_failed", "f0");
  });

  it("three such bodies in parallel with a health probe: all answered, the probe 200, each body 400", async () => {
    const big = () =>
      fetch(`${base}${ORDER}`, {
        method: "POST",
        headers: { "User-Agent": "t", Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: bigOrder(),
      }).then(async (r) => [r.status, (await r.json()) as { detailMessage: string }] as const);
    const bodies = [big(), big(), big()];
    expect((await fetch(`${base}/__mock/health`)).status).toBe(200);
    for (const [status, env] of await Promise.all(bodies)) {
      expect(status).toBe(400);
      expect(env.detailMessage).toMatch(/^serviceList: must NOT have more than 20 items/);
    }
  });
});
