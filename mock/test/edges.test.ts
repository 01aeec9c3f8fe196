// Inputs that independent API-testing tools sent, each answered as the spec says.
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { expandBody, json } from "./bodies.ts";
import { expectEnvelopeError, Harness, ORDER, TOKEN, UA } from "./harness.ts";
import { parseJson } from "../../openapi/json.ts";

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await Harness.create();
  token = await h.token();
});

/** The documented expand-capacity body with billingId written exactly as `literal`. */
const withBillingId = (literal: string) => json(expandBody(1)).replace("3197218168379846218", literal);

describe("int64 IDs outside 1..2^63-1, or written through a double", () => {
  for (const [what, literal] of [
    ["a bare integer of 2^63", "9223372036854775808"],
    ["a string of 19 nines", '"9999999999999999999"'],
    ["a 20-digit bare integer", "10000000000000000000"],
    ["a fraction", "3197218168379846218.0"],
    ["an exponent", "3.2e18"],
  ] as const)
    it(`${what} (${literal}): 400 parameter_validation_failed naming billingId, nothing changed`, async () => {
      const before = h.snapshot();
      expectEnvelopeError(
        await h.order(withBillingId(literal), token),
        400,
        "parameter_validation_failed",
        "billingId",
      );
      expect(h.snapshot()).toBe(before);
    });

  it("2^63-1 itself passes validation (and is simply not a billing contact)", async () => {
    expectEnvelopeError(
      await h.order(withBillingId("9223372036854775807"), token),
      422,
      "billing_contact_not_found",
      "billingId",
    );
  });
});

describe("the token endpoint", () => {
  it("accepts multipart parts with unquoted names (RFC 7578; .NET's MultipartFormDataContent)", async () => {
    const b = "----dotnet-boundary";
    const part = (name: string, value: string) =>
      `--${b}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Disposition: form-data; name=${name}\r\n\r\n${value}\r\n`;
    const body =
      part("grant_type", "pp_credentials") +
      part("client_id", "demo-client-id") +
      part("client_secret", "demo-client-secret") +
      `--${b}--\r\n`;
    const r = await h.post(TOKEN, body, undefined, `multipart/form-data; boundary="${b}"`);
    expect(r.status, r.text).toBe(200);
    expect(r.body.result.tokenHead).toBe("Bearer ");
  });

  it("answers an empty form with 400 parameter_validation_failed naming grant_type", async () => {
    for (const type of ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
      expectEnvelopeError(await h.post(TOKEN, "", undefined, type), 400, "parameter_validation_failed", "grant_type");
  });
});

describe("headers from the spec", () => {
  it("a User-Agent over 512 characters: 400 parameter_validation_failed; 512 is fine", async () => {
    const get = (ua: string) =>
      request(h.handler)
        .get("/user/openapi/user/v1/client/billing_contact_list")
        .set("User-Agent", ua)
        .set("Authorization", `Bearer ${token}`);
    const long = await get("x".repeat(513));
    expect(long.status).toBe(400);
    const env = parseJson(long.text) as { code: string; result: { field: string } };
    expect(env.code).toBe("parameter_validation_failed");
    expect(env.result.field).toBe("User-Agent");
    expect((await get("x".repeat(512))).status).toBe(200);
    expect((await get(UA)).status).toBe(200);
  });

  it("no User-Agent, or an empty one: 400 missing_user_agent", async () => {
    const r = await request(h.handler)
      .post(ORDER)
      .set("User-Agent", "")
      .set("Content-Type", "application/json")
      .send("{}");
    expect(r.status).toBe(400);
    expect((parseJson(r.text) as { code: string }).code).toBe("missing_user_agent");
  });
});
