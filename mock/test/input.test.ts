// Strict input: what a lenient parser would quietly accept is refused with a 400 naming what is wrong, and
// token signatures are compared as exact text. HEAD answers as GET, without the body, on every GET route.
import http, { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compiledControlSpec, compiledSpec } from "../../openapi/compiled.ts";
import { expandBody, json } from "./bodies.ts";
import { expectEnvelopeError, Harness, ORDER, TOKEN } from "./harness.ts";

let h: Harness;
let token: string;
let server: Server;
let port: number;
beforeAll(async () => {
  h = await Harness.create();
  token = await h.token();
  server = createServer(h.mock.handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => server.close());

const CREDS = "grant_type=pp_credentials&client_id=demo-client-id&client_secret=demo-client-secret";
const form = (body: string) => h.post(TOKEN, body, undefined, "application/x-www-form-urlencoded");
const multipart = (parts: Array<[string, string]>) => {
  const b = "b0undary";
  const body = parts
    .map(([n, v]) => `--${b}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`)
    .join("")
    .concat(`--${b}--\r\n`);
  return h.post(TOKEN, body, undefined, `multipart/form-data; boundary=${b}`);
};
const credParts: Array<[string, string]> = [
  ["grant_type", "pp_credentials"],
  ["client_id", "demo-client-id"],
  ["client_secret", "demo-client-secret"],
];

/** A raw request; resolves with the status, headers and the exact bytes of the body. */
function raw(method: string, path: string, headers: Record<string, string>, body?: Buffer) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.push(d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("token signatures are compared as exact base64url text", () => {
  it("a token with '=' padding appended, or its signature in standard base64 (+ and /), is 401 invalid_token", async () => {
    // A signature with - or _ in it, so that the standard-base64 spelling differs (3 in 4 tokens have one).
    let t = token;
    while (!/[-_]/.test(t.split(".")[2]!)) t = await h.token();
    const [head, payload, sig] = t.split(".") as [string, string, string];
    expect((await h.get("/order/openapi/order/v1/page", t)).status).toBe(200);
    const standard = `${head}.${payload}.${sig.replace(/-/g, "+").replace(/_/g, "/")}`;
    for (const variant of [`${t}=`, `${t}==`, standard])
      expectEnvelopeError(await h.get("/order/openapi/order/v1/page", variant), 401, "invalid_token", "Authorization");
  });

  it("a refresh token with '=' appended is refused as a grant (invalid_grant)", async () => {
    const r = await form(CREDS);
    const refresh = r.body.result.refreshToken as string;
    const padded = await form(`grant_type=refresh_token&refresh_token=${encodeURIComponent(`${refresh}=`)}`);
    expectEnvelopeError(padded, 401, "invalid_grant", "refresh_token");
  });
});

describe("a form field sent twice is refused naming it, urlencoded and multipart alike", () => {
  it("client_secret=x&client_secret=<the right one> gets no token: 400 naming client_secret", async () => {
    const r = await form(`${CREDS.replace("client_secret=", "client_secret=x&client_secret=")}`);
    expectEnvelopeError(r, 400, "parameter_validation_failed", "client_secret");
    expect(r.body.detailMessage).toBe("client_secret: is sent twice");
  });

  it("grant_type twice (even with one value) is 400 naming grant_type, not handled as either grant", async () => {
    expectEnvelopeError(
      await form(`grant_type=refresh_token&${CREDS}`),
      400,
      "parameter_validation_failed",
      "grant_type",
    );
    expectEnvelopeError(
      await form(`${CREDS}&grant_type=pp_credentials`),
      400,
      "parameter_validation_failed",
      "grant_type",
    );
  });

  it("a multipart part sent twice is 400 naming it", async () => {
    const r = await multipart([...credParts, ["client_secret", "demo-client-secret"]]);
    expectEnvelopeError(r, 400, "parameter_validation_failed", "client_secret");
    expect((await multipart(credParts)).status).toBe(200);
  });

  it("a multipart field named __proto__ gets the same 400 as urlencoded, not dropped", async () => {
    const encoded = await form(`${CREDS}&__proto__=x`);
    const parts = await multipart([...credParts, ["__proto__", "x"]]);
    expectEnvelopeError(encoded, 400, "parameter_validation_failed", "__proto__");
    expect([parts.status, parts.body.code, parts.body.detailMessage]).toEqual([
      encoded.status,
      encoded.body.code,
      encoded.body.detailMessage,
    ]);
  });
});

describe("JSON bodies", () => {
  it("a key repeated with an equal value is refused (400 invalid_json naming the key), nothing changed", async () => {
    const before = h.snapshot();
    const body = json(expandBody(1));
    const twice = body.replace('"productId":14', '"productId":14,"productId":14');
    expect(twice).not.toBe(body);
    const r = await h.order(twice, token);
    expectEnvelopeError(r, 400, "invalid_json", "body");
    expect(r.body.detailMessage).toContain("Duplicate key 'productId'");
    // Nested, and spelled with an escape: the same key.
    const nested = body.replace('"serviceType":"service"', '"serviceType":"service","serviceTyp\\u0065":"service"');
    expectEnvelopeError(await h.order(nested, token), 400, "invalid_json", "body");
    expect(h.snapshot()).toBe(before);
  });

  it("invalid UTF-8 inside a JSON string is 400 naming the byte position, not stored as U+FFFD", async () => {
    const before = h.snapshot();
    const text = json({ ...expandBody(1), poNumber: "PO-?" });
    const bytes = Buffer.from(text);
    const at = bytes.indexOf("PO-?") + 3;
    bytes[at] = 0xff;
    const r = await raw(
      "POST",
      ORDER,
      { "User-Agent": "t", Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      bytes,
    );
    expect(r.status).toBe(400);
    const env = JSON.parse(r.bytes.toString()) as { code: string; detailMessage: string };
    expect(env.code).toBe("invalid_json");
    expect(env.detailMessage).toBe(`body: is not valid UTF-8 (byte ${at} is not part of a UTF-8 character)`);
    expect(h.snapshot()).toBe(before);
  });

  it("invalid UTF-8 in a form is 400 naming the byte position", async () => {
    const bytes = Buffer.concat([Buffer.from(`${CREDS}x`), Buffer.from([0xc3, 0x28])]);
    const r = await raw(
      "POST",
      TOKEN,
      { "User-Agent": "t", "Content-Type": "application/x-www-form-urlencoded" },
      bytes,
    );
    expect(r.status).toBe(400);
    expect(JSON.parse(r.bytes.toString()).detailMessage).toBe(
      `body: is not valid UTF-8 (byte ${CREDS.length + 1} is not part of a UTF-8 character)`,
    );
  });

  it("a percent escape that is not UTF-8 (%FF) in a form is 400 naming the field's byte position", async () => {
    const r = await form(`${CREDS}&x=%FF`);
    expectEnvelopeError(r, 400, "parameter_validation_failed", "body");
    expect(r.body.detailMessage).toBe(
      `body: is not valid UTF-8 once percent-decoded (the field at byte ${CREDS.length + 1})`,
    );
    // A malformed escape is text, as before (and here simply an unknown field).
    expectEnvelopeError(await form(`${CREDS}&x=%zz`), 400, "parameter_validation_failed", "x");
  });
});

describe("numbers in error messages are quoted as sent", () => {
  it("pageNo=9007199254740993 is quoted with every digit, not as the double 9007199254740992", async () => {
    const r = await h.get("/order/openapi/order/v1/page?pageNo=9007199254740993", token);
    expectEnvelopeError(r, 400, "parameter_validation_failed", "pageNo");
    expect(r.body.detailMessage).toBe("pageNo: must be <= 100000 (got 9007199254740993)");
  });
});

describe("HEAD answers as GET without the body, on every GET route of both APIs", () => {
  const fill = (path: string) =>
    path
      .replace("{purchaseType}", "purchase")
      .replace("{clientId}", "demo-client-id")
      .replace(/\{\w+\}/g, "14");
  const routes = () =>
    [...compiledSpec().operations, ...compiledControlSpec().operations]
      .filter((op) => op.method === "GET" && op.operationId !== "events")
      .map((op) => fill(op.path) + (op.path.startsWith("/__mock") ? "" : "?productId=14"));

  it("same status, type and length as GET; no body bytes", async () => {
    const headers = { "User-Agent": "t", Authorization: `Bearer ${token}`, Host: `127.0.0.1:${port}` };
    const list = routes();
    expect(list.length).toBeGreaterThanOrEqual(16);
    for (const path of list) {
      const get = await raw("GET", path, headers);
      const head = await raw("HEAD", path, headers);
      expect(head.status, path).toBe(get.status);
      expect(head.status, path).not.toBe(405);
      expect(head.headers["content-type"], path).toBe(get.headers["content-type"]);
      // The log grows with each call and health reports live memory: their lengths may differ between two calls.
      if (!path.startsWith("/__mock/requests") && !path.startsWith("/__mock/health"))
        expect(head.headers["content-length"], path).toBe(get.headers["content-length"]);
      expect(head.bytes.length, path).toBe(0);
    }
  });

  it("a 405's Allow lists HEAD beside GET (OPTIONS and POST on a GET route)", async () => {
    for (const method of ["OPTIONS", "POST"]) {
      const r = await raw(method, "/order/openapi/order/v1/page", {
        "User-Agent": "t",
        "Content-Type": "application/json",
        "Content-Length": "0",
      });
      expect(r.status).toBe(405);
      expect(r.headers.allow).toBe("GET, HEAD");
    }
  });
});

describe("the request target as a router reads it (RFC 9112 3.2)", () => {
  const json = (r: { bytes: Buffer }) => JSON.parse(r.bytes.toString()) as { code: string; detailMessage: string };

  it("an absolute-form target is served as its path; a fragment is not part of the path", async () => {
    const headers = { "User-Agent": "t", Authorization: `Bearer ${token}`, Host: `127.0.0.1:${port}` };
    const list = "/user/openapi/user/v1/client/partner_list";
    for (const path of [`http://127.0.0.1:${port}${list}`, `${list}#x`, `http://127.0.0.1:${port}${list}?#x`]) {
      const r = await raw("GET", path, headers);
      expect([r.status, json(r).code], path).toEqual([200, "success"]);
    }
    const missing = await raw("GET", `http://127.0.0.1:${port}/nope#x`, headers);
    expect([missing.status, json(missing).detailMessage]).toEqual([404, "path: no endpoint GET /nope"]);
    const wrong = await raw("POST", `${list}#x`, { ...headers, "Content-Type": "application/json" }, Buffer.from("{}"));
    expect([wrong.status, wrong.headers.allow]).toEqual([405, "GET, HEAD"]);
  });

  it("the control API takes an absolute-form target only for one of its own hosts", async () => {
    const headers = { "User-Agent": "t", Host: `127.0.0.1:${port}` };
    const ok = await raw("GET", `http://localhost:${port}/__mock/health`, headers);
    expect(ok.status).toBe(200);
    const foreign = await raw("GET", `http://evil.example:${port}/__mock/health`, headers);
    expect([foreign.status, json(foreign).code]).toEqual([403, "forbidden"]);
    expect(json(foreign).detailMessage).toMatch(/^request target: evil\.example:\d+ is not this mock's address/);
  });
});
