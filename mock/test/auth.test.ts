// Tokens as the vendor documents them: form or multipart grant, 30-minute access, 15-day rotating refresh.
import { readFileSync } from "node:fs";
import request from "supertest";
import { beforeEach, describe, expect, it } from "vitest";
import { parseJson } from "../../openapi/json.ts";
import { fromRoot } from "../../openapi/root.ts";
import { Harness, TOKEN, UA, expectEnvelopeError } from "./harness.ts";

let h: Harness;
beforeEach(async () => {
  h = await Harness.create();
});

const form = (fields: Record<string, string>) =>
  request(h.handler).post(TOKEN).set("User-Agent", UA).type("form").send(fields);
const parse = (r: request.Response) => ({ status: r.status, text: r.text, body: parseJson(r.text) as any });
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString());
const creds = { grant_type: "pp_credentials", client_id: "demo-client-id", client_secret: "demo-client-secret" };
const LIST = "/user/openapi/user/v1/client/billing_contact_list";

describe("token endpoint", () => {
  it("pp_credentials (form-urlencoded) issues an HS256 access token with the documented claims", async () => {
    const before = Math.floor(Date.now() / 1000);
    const a = parse(await form(creds));
    const after = Math.floor(Date.now() / 1000);
    expect(a.status, a.text).toBe(200);
    expect(a.body.result).toMatchObject({ expiresIn: "1800", tokenHead: "Bearer " });
    const [header] = a.body.result.token.split(".");
    expect(JSON.parse(Buffer.from(header, "base64url").toString())).toEqual({ alg: "HS256", typ: "JWT" });
    const c = claims(a.body.result.token);
    expect(c).toMatchObject({
      aud: ["res1"],
      scope: ["all"],
      token_type: "openapi",
      client_id: "demo-client-id",
      user_name: "partnerexample@outlook.com",
    });
    expect(JSON.parse(c["X-MS-USER"])).toMatchObject({
      type: "partner",
      ucId: "3076915454468767744",
      userCode: "Partner",
    });
    // The demo account's claims are the tutorials' token's (both tutorials carry the same token).
    const tutorial = readFileSync(fromRoot("openapi", "sources", "tutorial-free-trial.txt"), "utf8");
    const documented = claims(/eyJ[\w-]+\.[\w-]+\.[\w-]+/.exec(tutorial)![0]);
    const user = (x: Record<string, any>) => {
      const { expr, type, ucId, userCode, userId, username } = JSON.parse(x["X-MS-USER"]);
      return { expr, type, ucId, userCode, userId, username, user_name: x.user_name, authorities: x.authorities };
    };
    expect(user(c)).toEqual(user(documented));
    // 30 minutes from the moment it was issued, however long the request took.
    expect(c.exp).toBeGreaterThanOrEqual(before + 1800);
    expect(c.exp).toBeLessThanOrEqual(after + 1800);
    expect(claims(a.body.result.refreshToken).exp - c.exp).toBe(15 * 24 * 3600 - 1800);
  });

  it("accepts multipart/form-data too", async () => {
    const r = await request(h.handler)
      .post(TOKEN)
      .set("User-Agent", UA)
      .field("grant_type", "pp_credentials")
      .field("client_id", "demo-client-id")
      .field("client_secret", "demo-client-secret");
    expect(r.status, r.text).toBe(200);
  });

  it("refuses wrong credentials, missing fields, unknown grants and JSON bodies", async () => {
    expectEnvelopeError(parse(await form({ ...creds, client_secret: "nope" })), 401, "invalid_client", "client_id");
    expectEnvelopeError(
      parse(await form({ grant_type: "pp_credentials", client_id: "demo-client-id" })),
      400,
      "parameter_validation_failed",
      "client_secret",
    );
    expectEnvelopeError(
      parse(await form({ ...creds, grant_type: "password" })),
      400,
      "parameter_validation_failed",
      "grant_type",
    );
    const json = await request(h.handler)
      .post(TOKEN)
      .set("User-Agent", UA)
      .set("Content-Type", "application/json")
      .send(JSON.stringify(creds));
    expectEnvelopeError(parse(json), 415, "unsupported_media_type", "body");
  });

  it("the secret never appears in an answer or the log", async () => {
    const lines: string[] = [];
    const quietless = await Harness.create({ quiet: false, logOut: (l) => lines.push(l) });
    const r = await request(quietless.handler)
      .post(`${TOKEN}?client_secret=leak`)
      .set("User-Agent", UA)
      .type("form")
      .send({ ...creds, client_secret: "wrong-secret" });
    expect(r.text).not.toContain("wrong-secret");
    expect(lines.join("")).not.toMatch(/wrong-secret|leak/);
    expect(lines.join("")).toContain("client_secret=%5Bredacted%5D");
  });
});

describe("refresh tokens rotate", () => {
  it("a refresh token gives a new pair once; using it again is invalid_grant", async () => {
    const first = parse(await form(creds)).body.result;
    const second = parse(await form({ grant_type: "refresh_token", refresh_token: first.refreshToken }));
    expect(second.status, second.text).toBe(200);
    expect(second.body.result.refreshToken).not.toBe(first.refreshToken);
    expectEnvelopeError(
      parse(await form({ grant_type: "refresh_token", refresh_token: first.refreshToken })),
      401,
      "invalid_grant",
      "refresh_token",
    );
    expect(
      parse(await form({ grant_type: "refresh_token", refresh_token: second.body.result.refreshToken })).status,
    ).toBe(200);
  });

  it("an access token is not a refresh token, and a forged one is refused", async () => {
    const t = parse(await form(creds)).body.result;
    expectEnvelopeError(
      parse(await form({ grant_type: "refresh_token", refresh_token: t.token })),
      401,
      "invalid_grant",
      "refresh_token",
    );
    const [hd, body] = t.refreshToken.split(".");
    expectEnvelopeError(
      parse(await form({ grant_type: "refresh_token", refresh_token: `${hd}.${body}.AAAA` })),
      401,
      "invalid_grant",
      "refresh_token",
    );
  });

  it("expires after 15 days of the mock's clock", async () => {
    const t = parse(await form(creds)).body.result;
    await h.advance(15 * 24 * 3600 + 1);
    const a = parse(await form({ grant_type: "refresh_token", refresh_token: t.refreshToken }));
    expectEnvelopeError(a, 401, "invalid_grant", "refresh_token");
    expect(a.body.detailMessage).toMatch(/expired/);
  });
});

describe("bearer tokens on the API", () => {
  const call = (auth?: string, ua: string | null = UA) => {
    const r = request(h.handler).get(LIST);
    if (ua !== null) r.set("User-Agent", ua);
    if (auth !== undefined) r.set("Authorization", auth);
    return r.then(parse);
  };

  it("works with a valid token", async () => {
    expect((await call(`Bearer ${await h.token()}`)).status).toBe(200);
  });

  it("missing User-Agent is 400 missing_user_agent", async () => {
    expectEnvelopeError(await call(`Bearer ${await h.token()}`, null), 400, "missing_user_agent", "User-Agent");
  });

  it("missing, malformed and forged tokens are 401 with distinct codes", async () => {
    expectEnvelopeError(await call(), 401, "unauthorized", "Authorization");
    expectEnvelopeError(await call("Basic abc"), 401, "invalid_token", "Authorization");
    expectEnvelopeError(await call("Bearer not.a.jwt"), 401, "invalid_token", "Authorization");
    const t = await h.token();
    const [hd, , sig] = t.split(".");
    const forged = Buffer.from(JSON.stringify({ ...claims(t), client_id: "someone-else" })).toString("base64url");
    expectEnvelopeError(await call(`Bearer ${hd}.${forged}.${sig}`), 401, "invalid_token", "Authorization");
  });

  it("a verified token with characters a token cannot hold added is malformed, not taken from what was verified", async () => {
    const t = await h.token();
    expect((await call(`Bearer ${t}`)).status).toBe(200);
    for (const bad of [`${t}!`, `!${t}`, `${t.slice(0, 40)} ${t.slice(40)}`]) {
      const r = await call(`Bearer ${bad}`);
      expectEnvelopeError(r, 401, "invalid_token", "Authorization");
      expect(r.body.detailMessage).toBe("Authorization: must be Bearer followed by the access token");
    }
    expect((await call(`bearer   ${t}`)).status).toBe(200);
  });

  it("the vendor's own sample token (another server's key) is refused", async () => {
    const sample =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOlsicmVzMSJdLCJYLU1TLVVTRVIiOiJ7XCJleHByXCI6XCIwXCIsXCJ0eXBlXCI6XCJwYXJ0bmVyXCIsXCJ1Y0lkXCI6XCIzMDc2OTE1NDU0NDY4NzY3NzQ0XCIsXCJ1c2VyQ29kZVwiOlwiUGFydG5lclwiLFwidXNlcklkXCI6XCIzMDc2OTE1NDU0NDg5NzM5MjY0XCIsXCJ1c2VybmFtZVwiOlwicGFydG5lcmV4YW1wbGVAb3V0bG9vay5jb21cIn0iLCJ1c2VyX25hbWUiOiJwYXJ0bmVyZXhhbXBsZUBvdXRsb29rLmNvbSIsInNjb3BlIjpbImFsbCJdLCJleHAiOjE3Mzk3MTc5MjYsInRva2VuX3R5cGUiOiJvcGVuYXBpIiwianRpIjoidmlzMkh0QkxaUStNQmxPbS9UdThWR1pyNFljPSIsImF1dGhvcml0aWVzIjpbIjc5Il0sImNsaWVudF9pZCI6IjE0NDI5NjM2ODBiMjM0YjA0YmRjZDVjMTZmODcyOWQ2In0.RPRoTJRkXCB4krDSwGRpUFyCfUVv2LHjIiBICA1pCiY";
    expectEnvelopeError(await call(`Bearer ${sample}`), 401, "invalid_token", "Authorization");
  });

  it("expires after 30 minutes of the mock's clock; a fresh token works again", async () => {
    const t = await h.token();
    await h.advance(29 * 60);
    expect((await call(`Bearer ${t}`)).status).toBe(200);
    await h.advance(60);
    expectEnvelopeError(await call(`Bearer ${t}`), 401, "token_expired", "Authorization");
    expect((await call(`Bearer ${await h.token()}`)).status).toBe(200);
  });

  it("a token of one account sees only that account", async () => {
    const other = await Harness.create();
    await other.isolate();
    const theirs = await other.token();
    // Tokens are signed per server: another server's token is forged here.
    expectEnvelopeError(await call(`Bearer ${theirs}`), 401, "invalid_token");
  });
});
