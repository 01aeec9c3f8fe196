// Request verification: GET /__mock/requests filters the log and shows each body as received, secrets redacted.
import request from "supertest";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { parseJson } from "../../openapi/json.ts";
import { BODY_BUDGET, BODY_CAP, RequestLog, type LogEntry, type Received } from "../http/log.ts";
import { redactBody, redactPath } from "../http/redact.ts";
import { startMock } from "../index.ts";
import { Harness, ORDER, TOKEN, UA } from "./harness.ts";
import { expandBody, json } from "./bodies.ts";

let h: Harness;
beforeEach(async () => {
  h = await Harness.create();
});
const list = async (query = "") => {
  const r = await request(h.handler).get(`/__mock/requests${query}`);
  return { status: r.status, text: r.text, body: parseJson(r.text) as any };
};

describe("GET /__mock/requests", () => {
  it("finds an order by operationId createOrder, its body text verbatim with the 19-digit billingId", async () => {
    const sent = json(expandBody(50));
    expect((await h.order(sent)).status).toBe(200);
    const r = await list("?operationId=createOrder");
    expect(r.status).toBe(200);
    expect(r.body.result).toHaveLength(1);
    const [entry] = r.body.result;
    expect(entry).toMatchObject({ method: "POST", status: 200, clientId: "demo-client-id" });
    expect(entry.body).toBe(sent);
    // On the raw text too: the ID is never rounded on its way out (inside the JSON string, quotes escaped).
    expect(r.text).toContain('\\"billingId\\":3197218168379846218');
    expect(r.text).toContain('\\"quantity\\":50');
  });

  it("a token request's body shows client_secret=[redacted], and the secret appears nowhere", async () => {
    await h.token();
    const r = await list("?operationId=requestToken");
    expect(r.body.result[0].body).toBe("grant_type=pp_credentials&client_id=demo-client-id&client_secret=[redacted]");
    expect(r.text).not.toContain(h.creds.clientSecret);
    const refresh = await request(h.handler)
      .post(TOKEN)
      .set("User-Agent", UA)
      .type("form")
      .send({ grant_type: "refresh_token", refresh_token: "abc.def.ghi" });
    expect(refresh.status).toBeGreaterThanOrEqual(400);
    const again = await list("?operationId=requestToken&status=" + refresh.status);
    expect(again.body.result[0].body).toBe("grant_type=refresh_token&refresh_token=[redacted]");
  });

  it("combines operationId, clientId, method, path and status with AND", async () => {
    const iso = await new Harness(h.mock).isolate();
    const token = await iso.token();
    await iso.order(json(expandBody(2)), token);
    await iso.order("{}", token); // refused: 400
    await h.order(json(expandBody(3)));
    const path = "/order/openapi/order/v1/save";
    const mine = `?clientId=${iso.creds.clientId}&method=POST&path=${encodeURIComponent(path)}`;
    expect((await list(mine)).body.result).toHaveLength(2);
    expect((await list(`${mine}&status=400`)).body.result.map((e: LogEntry) => e.body)).toEqual(["{}"]);
    expect((await list(`${mine}&status=200&operationId=createOrder`)).body.result).toHaveLength(1);
    expect((await list(mine.replace("POST", "GET"))).body.result).toEqual([]);
    expect((await list(`?path=${encodeURIComponent(path)}`)).body.result).toHaveLength(3);
    expect((await list(`?operationId=listRequests`)).body.result.length).toBeGreaterThan(0);
  });

  for (const [query, field] of [
    ["?colour=red", "colour"],
    ["?status=abc", "status"],
    ["?status=200&status=404", "status"],
    ["?method=FETCH", "method"],
    ["?path=order", "path"],
    ["?include=everything", "include"],
  ] as const)
    it(`refuses ${query} with 400 naming ${field}`, async () => {
      const r = await list(query);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: "parameter_validation_failed", result: { field } });
      expect(r.body.detailMessage.startsWith(`${field}: `)).toBe(true);
    });

  it("leaves the page, /docs and the favicon out unless include=assets", async () => {
    await request(h.handler).get("/__mock/ui/");
    await request(h.handler).get("/__mock/ui/ui.js");
    await request(h.handler).get("/docs/");
    expect((await request(h.handler).get("/favicon.ico")).status).toBe(204);
    await h.token();
    const shown = (await list()).body.result.map((e: LogEntry) => e.path);
    expect(shown.some((p: string) => /^\/(__mock\/ui|docs|favicon)/.test(p))).toBe(false);
    const all = (await list("?include=assets")).body.result.filter((e: LogEntry) => e.asset);
    expect(all.map((e: LogEntry) => e.path)).toEqual(["/__mock/ui/", "/__mock/ui/ui.js", "/docs/", "/favicon.ico"]);
  });
});

it("the verification example of docs/mock.md passes against startMock", async () => {
  const mock = await startMock({ port: 0 });
  try {
    const form = `grant_type=pp_credentials&client_id=${mock.clientId}&client_secret=${mock.clientSecret}`;
    const headers = { "User-Agent": UA, "Content-Type": "application/x-www-form-urlencoded" };
    const t = await fetch(`${mock.url}${TOKEN}`, { method: "POST", headers, body: form });
    const token = ((await t.json()) as { result: { token: string } }).result.token;
    const o = await fetch(`${mock.url}${ORDER}`, {
      method: "POST",
      headers: { "User-Agent": UA, Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: json(expandBody(50)),
    });
    expect(o.status).toBe(200);
    // From here on, the docs' example verbatim.
    const r = await fetch(`${mock.url}/__mock/requests?operationId=createOrder&status=200`);
    const [sent] = (parseJson(await r.text()) as { result: Array<{ body: string }> }).result;
    expect(sent!.body).toContain('"billingId":3197218168379846218');
    expect(parseJson(sent!.body)).toMatchObject({ serviceList: [{ serviceId: 3049032137219817472n, quantity: 50 }] });
  } finally {
    await mock.close();
  }
});

describe("what the log keeps", () => {
  const entry = (body?: string): Received => ({
    at: 0,
    method: "POST",
    url: "/x",
    path: "/x",
    status: 200,
    ms: 0,
    requestId: "r",
    ...(body === undefined ? {} : { body: { text: body, type: "application/json" } }),
  });

  it("cuts a body past BODY_CAP and says so", () => {
    const log = new RequestLog(true);
    log.record(entry("a".repeat(BODY_CAP + 1)));
    log.record(entry("b".repeat(BODY_CAP)));
    const [cut, whole] = log.recent();
    expect(cut!.body).toHaveLength(BODY_CAP);
    expect(cut!.bodyTruncated).toBe(true);
    expect(whole!.bodyTruncated).toBeUndefined();
  });

  it("keeps at most BODY_BUDGET of body text, emptying the oldest bodies first", () => {
    const log = new RequestLog(true);
    for (let i = 0; i < 500; i++) log.record(entry(String(i % 10).repeat(BODY_CAP)));
    const all = log.recent();
    const kept = all.reduce((n, e) => n + (e.body?.length ?? 0), 0);
    expect(kept).toBeLessThanOrEqual(BODY_BUDGET);
    expect(all.at(-1)!.body).toHaveLength(BODY_CAP);
    expect(all[0]!.body).toBe("");
    expect(all[0]!.bodyTruncated).toBe(true);
  });

  it("redacts token-looking fields in JSON, forms and multipart, leaving the rest byte for byte", () => {
    const text =
      '{"billingId":3197218168379846218, "accessToken" : "eyJ.x.y","n":{"password":"p","ok":"k"},"tokenCount":2}';
    expect(redactBody(text, "application/json")).toBe(
      '{"billingId":3197218168379846218, "accessToken" : "[redacted]","n":{"password":"[redacted]","ok":"k"},"tokenCount":2}',
    );
    expect(
      redactBody("a=1&client_secret=s%20s&refresh%5Ftoken=t&b=%E2%82%AC", "application/x-www-form-urlencoded"),
    ).toBe("a=1&client_secret=[redacted]&refresh%5Ftoken=[redacted]&b=%E2%82%AC");
    const part = (name: string, value: string) =>
      `--B\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const multipart = `${part("client_id", "demo")}${part("client_secret", "hush")}--B--\r\n`;
    expect(redactBody(multipart, "multipart/form-data")).toBe(
      `${part("client_id", "demo")}${part("client_secret", "[redacted]")}--B--\r\n`,
    );
    expect(redactPath("/x?token=abc&page=2")).toBe("/x?token=%5Bredacted%5D&page=2");
  });

  it("serialises a live-log event once, whatever the number of subscribers", () => {
    const log = new RequestLog(true);
    const frames: string[] = [];
    for (let i = 0; i < 10; i++) log.subscribe((f) => frames.push(f));
    const stringify = vi.spyOn(JSON, "stringify");
    try {
      log.record(entry('{"a":1}'));
      expect(stringify).toHaveBeenCalledTimes(1);
    } finally {
      stringify.mockRestore();
    }
    expect(new Set(frames).size).toBe(1);
    expect(frames).toHaveLength(10);
    // Bodies stay out of the live log.
    expect(frames[0]).not.toContain('{\\"a\\":1}');
  });
});
