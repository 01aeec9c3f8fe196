// The answer checker finds drift: each mismatch with its JSON path, what the spec expects, and what came.
import { describe, expect, it } from "vitest";
import { checkAnswer } from "./check.ts";

const env = (result: string, extra = "") =>
  `{"code":"success","detailMessage":"","requestId":"0123456789abcdef0123456789abcdef","result":${result},"status":200${extra}}`;

describe("checkAnswer", () => {
  it("passes a conforming answer", () => {
    expect(
      checkAnswer("listBillingContacts", 200, "application/json", env(`[{"billingContactId":"3197218168379846218"}]`))
        .mismatches,
    ).toEqual([]);
  });

  it("reports a bare 64-bit ID where the spec says string, with its exact digits", () => {
    const { mismatches } = checkAnswer(
      "listBillingContacts",
      200,
      "application/json",
      env(`[{"billingContactId":3197218168379846219}]`),
    );
    expect(mismatches).toEqual([
      { path: "$.result[0].billingContactId", expected: "type string", actual: "3197218168379846219" },
    ]);
  });

  it("reports missing fields, unknown enum values, undeclared statuses and non-JSON answers", () => {
    const order = checkAnswer(
      "createOrder",
      200,
      "application/json",
      env(`{"instanceId":"1","orderId":"2","orderNo":"","orderStatus":"done","transactionNo":""}`),
    );
    expect(order.mismatches).toEqual(
      expect.arrayContaining([
        { path: "$.result.productNo", expected: "property productNo", actual: "(absent)" },
        expect.objectContaining({ path: "$.result.orderStatus", actual: '"done"' }),
      ]),
    );
    // Any other 4xx falls to the default error response, so a success body there is drift.
    expect(checkAnswer("listProducts", 418, "application/json", env("[]")).mismatches.map((m) => m.path)).toContain(
      "$.code",
    );
    expect(checkAnswer("listProducts", 302, "application/json", env("[]")).mismatches).toEqual([
      { path: "status", expected: "a status the spec declares", actual: "302" },
    ]);
    expect(checkAnswer("listProducts", 200, "text/html", "<html>").mismatches.map((m) => m.path)).toEqual([
      "content-type",
      "$",
    ]);
  });

  it("an error answer must use the error vocabulary", () => {
    const bad = `{"code":"made_up","detailMessage":"x","requestId":"0123456789abcdef0123456789abcdef","result":null,"status":500}`;
    expect(checkAnswer("listProducts", 500, "application/json", bad).mismatches).toEqual([
      expect.objectContaining({ path: "$.code", actual: '"made_up"' }),
    ]);
  });
});
