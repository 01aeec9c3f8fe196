// Views of orders and instances are made once and their JSON spliced into later pages (mock/domain/views.ts,
// mock/http/envelope.ts). That must never show a stale status, and the page must be exactly JSON.stringify's.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { beforeEach, expect, it } from "vitest";
import { fromRoot } from "../../openapi/root.ts";
import { expandBody, json, purchasePlanBody } from "./bodies.ts";
import { Harness } from "./harness.ts";

let h: Harness;
let token: string;
const ctl = (path: string, body: unknown) =>
  request(h.handler).post(`/__mock${path}`).set("Content-Type", "application/json").send(JSON.stringify(body));
const ORDERS = "/order/openapi/order/v1/page";
const PRODUCTS = "/product/openapi/instance_product/v1/client/instance_product_list?productId=14";
/** The result's text exactly as answered. */
const resultText = (text: string) => text.slice(text.indexOf('"result":') + 9, text.lastIndexOf(',"status":'));

beforeEach(async () => {
  h = await Harness.create();
  token = await h.token();
});

it("an order's list entry and detail show its new status once settled, though the page was answered before", async () => {
  expect((await ctl("/accounts/demo-client-id/payment", { mode: "manual" })).status).toBe(200);
  const placed = (await h.order(json(expandBody(3)), token)).body.result.orderNo as string;
  const first = await h.get(ORDERS, token);
  expect(first.body.result.results[0]).toMatchObject({ orderNo: placed, orderStatus: "pending" });
  expect((await h.get(ORDERS, token)).text.replace(/"requestId":"\w+"/, "")).toBe(
    first.text.replace(/"requestId":"\w+"/, ""),
  );
  expect((await ctl(`/accounts/demo-client-id/orders/${placed}/settle`, { outcome: "succeed" })).status).toBe(200);
  expect((await h.get(ORDERS, token)).body.result.results[0]).toMatchObject({
    orderNo: placed,
    orderStatus: "succeed",
  });
});

it("an instance's list entry and detail turn expired when the clock passes its end", async () => {
  const before = await h.get(PRODUCTS, token);
  const active = before.body.result.results.find((i: { status: string }) => i.status === "active");
  expect(active).toBeDefined();
  const detail = `/product/openapi/instance_product/v1/detail?productNo=${active.productNo}&productId=14`;
  expect((await h.get(detail, token)).body.result.status).toBe("active");
  const years = 10 * 365 * 86_400; // the most one call advances
  expect((await ctl("/accounts/demo-client-id/clock/advance", { seconds: years })).status).toBe(200);
  token = await h.token(); // the old one expired with the clock
  const after = await h.get(PRODUCTS, token);
  expect(after.body.result.results.find((i: { productNo: string }) => i.productNo === active.productNo).status).toBe(
    "expired",
  );
  expect((await h.get(detail, token)).body.result.status).toBe("expired");
});

it("a spliced page is exactly what JSON.stringify makes of it", async () => {
  for (const path of [ORDERS, PRODUCTS])
    for (let i = 0; i < 2; i++) {
      const text = resultText((await h.get(path, token)).text);
      expect(text).toBe(JSON.stringify(JSON.parse(text)));
      expect(text.startsWith('{"count":')).toBe(true);
    }
});

it("a page asked again with the same first item but another size or after a new order is made anew", async () => {
  for (let i = 0; i < 3; i++) await h.order(json(expandBody(1)), token);
  const page = async (size: number) => (await h.get(`${ORDERS}?pageNo=1&pageSize=${size}`, token)).body.result;
  const one = await page(1);
  const two = await page(2);
  expect(two.results[0].orderNo).toBe(one.results[0].orderNo);
  expect([one.results.length, one.pageSize, two.results.length, two.pageSize]).toEqual([1, 1, 2, 2]);
  expect((await page(1)).results.length).toBe(1);
  const newest = (await h.order(json(expandBody(2)), token)).body.result.orderNo;
  const after = await page(2);
  expect(after.results.map((o: { orderNo: string }) => o.orderNo)).toEqual([newest, one.results[0].orderNo]);
  expect(after.total).toBe(two.total + 1);
});

it("a result with characters beyond ASCII is sent with its UTF-8 length, an ASCII one with its own", async () => {
  const seed = JSON.parse(readFileSync(fromRoot("mock", "seed", "default.json"), "utf8"));
  seed.account.subordinates[0].company = "Zoë Müller 中";
  const file = join(mkdtempSync(join(tmpdir(), "seed-")), "seed.json");
  writeFileSync(file, JSON.stringify(seed));
  h = await Harness.create({ seed: file });
  token = await h.token();
  for (const path of ["/user/openapi/user/v1/client/partner_list", "/pricing/openapi/purchase/v1/product_list"])
    for (let i = 0; i < 2; i++) {
      const r = await request(h.handler).get(path).set("User-Agent", "OpenAPI").set("Authorization", `Bearer ${token}`);
      expect(r.status).toBe(200);
      expect(Number(r.headers["content-length"])).toBe(Buffer.byteLength(r.text));
    }
  const names = (await h.get("/user/openapi/user/v1/client/partner_list", token)).body.result;
  expect(JSON.stringify(names)).toContain("Zoë Müller 中");
});

it("a long result made once is sent whole between the envelope's ends, each time, and HEAD gives only its length", async () => {
  const INFO = "/pricing/openapi/purchase/v1/purchase_product_info?productId=14";
  for (let i = 0; i < 10; i++) expect((await h.order(json(purchasePlanBody()), token)).body.code).toBe("success");
  for (const path of [PRODUCTS, INFO]) {
    const texts: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await request(h.handler).get(path).set("User-Agent", "OpenAPI").set("Authorization", `Bearer ${token}`);
      expect(r.status).toBe(200);
      expect(Number(r.headers["content-length"])).toBe(Buffer.byteLength(r.text));
      // Long enough for the bytes kept with it (mock/http/result-text.ts): the path under test.
      expect(resultText(r.text).length).toBeGreaterThan(2048);
      expect(JSON.parse(r.text)).toMatchObject({ code: "success", detailMessage: "", status: 200 });
      texts.push(r.text);
    }
    const [a, b] = texts.map((t) => JSON.parse(t) as { requestId: string });
    expect(a!.requestId).not.toBe(b!.requestId);
    expect(texts[1]!.replace(b!.requestId, a!.requestId)).toBe(texts[0]);
    const head = await request(h.handler)
      .head(path)
      .set("User-Agent", "OpenAPI")
      .set("Authorization", `Bearer ${token}`);
    expect(head.status).toBe(200);
    expect(Number(head.headers["content-length"])).toBe(Buffer.byteLength(texts[0]!));
    expect(head.text ?? "").toBe("");
  }
});
