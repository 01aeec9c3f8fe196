// composeMock is the one path from MockOptions to a running mock: each option reaches the layer that uses it.
import { describe, expect, it } from "vitest";
import { composeMock } from "../compose.ts";
import { FLAGS, parseFlags } from "../flags.ts";
import type { MockOptions } from "../options.ts";

const serviceOptions = async (o: MockOptions) =>
  (await composeMock(o)).service.options as unknown as Record<string, unknown>;

describe("composeMock", () => {
  it("passes the service's options on", async () => {
    const given = await serviceOptions({
      maxAccounts: 7,
      accountTtlSeconds: 60,
      maxOrdersPerAccount: 9,
      referenceField: "none",
      clientId: "me",
      clientSecret: "mine",
    });
    expect(given).toMatchObject({
      maxAccounts: 7,
      accountTtlMs: 60_000,
      maxOrdersPerAccount: 9,
      referenceField: "none",
      demo: { clientId: "me", clientSecret: "mine" },
    });
  });

  it("serves the control API by default on loopback or with a token, not elsewhere", async () => {
    const control = async (o: MockOptions) => (await composeMock(o)).control;
    expect(await control({})).toBe(true);
    expect(await control({ host: "0.0.0.0" })).toBe(false);
    expect(await control({ host: "0.0.0.0", controlToken: "t" })).toBe(true);
    expect(await control({ control: false })).toBe(false);
  });
});

describe("the CLI's flag table", () => {
  it("maps every flag and environment variable to its MockOptions field", () => {
    const withValue = FLAGS.filter((r) => r.field && r.arg);
    for (const row of withValue) {
      const sample = row.flag === "reference-field" ? "none" : row.flag === "error-http-status" ? "200" : "2048";
      const fromFlag = parseFlags({ [row.flag]: sample }, {}).options;
      expect(Object.keys(fromFlag), row.flag).toEqual([row.field]);
      if (row.env) expect(parseFlags({}, { [row.env]: sample }).options, row.env).toEqual(fromFlag);
    }
    expect(parseFlags({ "no-control": true, control: true }, {}).options.control).toBe(false);
    expect(parseFlags({ quiet: true, strict: true }, {}).options).toEqual({ quiet: true, strict: true });
    // A flag given beats its environment variable.
    expect(parseFlags({ port: "5" }, { PORT: "6" }).options.port).toBe(5);
  });
});
