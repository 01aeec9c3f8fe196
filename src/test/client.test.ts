import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartnerPortalClient, PartnerPortalError, requestFreeTrial, subscribeService } from "../index.ts";
import { envelope, stubFetch, stubMode, tokenBody, type Recorded } from "./stub-server.ts";

const TOKEN_PATH = "/auth/openapi/v1/oauth/token";
const base = { baseUrl: "http://stub.test/", clientId: "id-1", clientSecret: "secret-1" };

/** A stub that issues tokens and hands every other request to `api`. */
function server(api: (r: Recorded) => { status?: number; body: string }) {
  let issued = 0;
  return stubFetch((r) => (r.path === TOKEN_PATH ? { body: tokenBody(++issued) } : api(r)));
}

// Every test runs twice: with errors as their HTTP status, and as HTTP 200 with the status in the envelope only.
describe.each(["mirror", 200] as const)("errors answered with HTTP %s", (mode) => {
  beforeAll(() => void (stubMode.errorHttpStatus = mode));
  afterAll(() => void (stubMode.errorHttpStatus = "mirror"));

  describe("int64 precision canaries", () => {
    const ids = ["3197218168379846218", "9007199254740993"];
    for (const id of ids) {
      it(`${id} leaves in the request body and comes back in the response with every digit`, async () => {
        const stub = server((r) => ({ body: envelope(`{"echo":${r.body.match(/"billingId":(\d+)/)![1]}}`) }));
        const client = createPartnerPortalClient({ ...base, fetch: stub.fetch });
        const result = (await client.createOrder({
          operationType: "purchase_service",
          productId: 14,
          billingId: BigInt(id),
          serviceList: [{ serviceType: "service", serviceId: BigInt(id), purchaseType: "purchase" }],
        })) as unknown as { echo: bigint | number };
        const sent = stub.calls.at(-1)!.body;
        expect(sent).toContain(`"billingId":${id}`);
        expect(sent).toContain(`"serviceId":${id}`);
        expect(String(result.echo)).toBe(id);
      });
    }

    it("keeps 3197218168379846219 distinct from ...218 in responses", async () => {
      const stub = server(() => ({
        body: envelope(`[{"billingContactId":3197218168379846218},{"billingContactId":3197218168379846219}]`),
      }));
      const client = createPartnerPortalClient({ ...base, fetch: stub.fetch });
      const [a, b] = (await client.listBillingContacts()) as unknown as Array<{ billingContactId: bigint }>;
      expect(a!.billingContactId).toBe(3197218168379846218n);
      expect(b!.billingContactId).toBe(3197218168379846219n);
      expect(a!.billingContactId).not.toBe(b!.billingContactId);
    });

    it("parses error bodies losslessly too", async () => {
      const stub = server(() => ({
        status: 422,
        body: envelope(
          `{"field":"billingId","tag":"not_found","id":9007199254740993}`,
          "billing_contact_not_found",
          422,
          "billingId: unknown",
        ),
      }));
      const client = createPartnerPortalClient({ ...base, fetch: stub.fetch });
      const err = await client.listBillingContacts().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PartnerPortalError);
      expect((err as PartnerPortalError).result).toEqual({
        field: "billingId",
        tag: "not_found",
        id: 9007199254740993n,
      });
    });
  });

  describe("tokens", () => {
    it("sends the form grant with the credentials and User-Agent, then the bearer token", async () => {
      const stub = server(() => ({ body: envelope("[]") }));
      const client = createPartnerPortalClient({ ...base, userAgent: "MyApp/1.0", fetch: stub.fetch });
      await client.listSubordinates();
      const [token, call] = stub.calls;
      expect(token!.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
      expect(Object.fromEntries(new URLSearchParams(token!.body))).toEqual({
        grant_type: "pp_credentials",
        client_id: "id-1",
        client_secret: "secret-1",
      });
      expect(token!.headers.get("user-agent")).toBe("MyApp/1.0");
      expect(call!.headers.get("authorization")).toBe("Bearer access-1");
      expect(call!.headers.get("user-agent")).toBe("MyApp/1.0");
    });

    it("reuses the token, then refreshes it with the refresh token before it expires", async () => {
      let now = 1_000_000;
      const stub = server(() => ({ body: envelope("[]") }));
      const client = createPartnerPortalClient({ ...base, fetch: stub.fetch, now: () => now });
      await client.listSubordinates();
      await client.listSubordinates();
      expect(stub.calls.filter((c) => c.path === TOKEN_PATH)).toHaveLength(1);
      now += 29.5 * 60 * 1000; // within the 60 s skew of the 30-minute expiry
      await client.listSubordinates();
      const grants = stub.calls
        .filter((c) => c.path === TOKEN_PATH)
        .map((c) => Object.fromEntries(new URLSearchParams(c.body)));
      expect(grants[1]).toEqual({ grant_type: "refresh_token", refresh_token: "refresh-1" });
      expect(stub.calls.at(-1)!.headers.get("authorization")).toBe("Bearer access-2");
    });

    it("after 15 days uses the credentials again instead of the stale refresh token", async () => {
      let now = 0;
      const stub = server(() => ({ body: envelope("[]") }));
      const client = createPartnerPortalClient({ ...base, fetch: stub.fetch, now: () => now });
      await client.listSubordinates();
      now += 16 * 24 * 3600 * 1000;
      await client.listSubordinates();
      const grants = stub.calls
        .filter((c) => c.path === TOKEN_PATH)
        .map((c) => new URLSearchParams(c.body).get("grant_type"));
      expect(grants).toEqual(["pp_credentials", "pp_credentials"]);
    });

    it("retries once with a new token after a 401 token_expired, and not forever", async () => {
      let refusals = 0;
      const stub = server((r) => {
        if (r.headers.get("authorization") === "Bearer access-1") {
          refusals++;
          return { status: 401, body: envelope("null", "token_expired", 401, "expired") };
        }
        return { body: envelope("[]") };
      });
      const client = createPartnerPortalClient({ ...base, fetch: stub.fetch });
      await expect(client.listSubordinates()).resolves.toEqual([]);
      expect(refusals).toBe(1);

      const always = server(() => ({ status: 401, body: envelope("null", "invalid_token", 401, "forged") }));
      const stubborn = createPartnerPortalClient({ ...base, fetch: always.fetch });
      await expect(stubborn.listSubordinates()).rejects.toMatchObject({
        code: "invalid_token",
        status: 401,
        httpStatus: mode === 200 ? 200 : 401,
      });
      expect(always.calls.filter((c) => c.path !== TOKEN_PATH)).toHaveLength(2);
    });

    it("shares one token request among concurrent calls", async () => {
      const stub = server(() => ({ body: envelope("[]") }));
      const client = createPartnerPortalClient({ ...base, fetch: stub.fetch });
      await Promise.all([client.listSubordinates(), client.listBillingContacts(), client.listProducts()]);
      expect(stub.calls.filter((c) => c.path === TOKEN_PATH)).toHaveLength(1);
    });

    it("throws a typed error when the credentials are refused", async () => {
      const stub = stubFetch(() => ({
        status: 401,
        body: envelope("null", "invalid_client", 401, "client_id: unknown"),
      }));
      const client = createPartnerPortalClient({ ...base, fetch: stub.fetch });
      const err = (await client.listProducts().catch((e: unknown) => e)) as PartnerPortalError;
      expect(err).toMatchObject({
        code: "invalid_client",
        detailMessage: "client_id: unknown",
        status: 401,
        httpStatus: mode === 200 ? 200 : 401,
        requestId: "0123456789abcdef0123456789abcdef",
      });
    });
  });

  describe("envelope", () => {
    it("a non-success code on HTTP 200 is still an error", async () => {
      const stub = server(() => ({ body: envelope("null", "parameter_validation_failed", 200, "x") }));
      const client = createPartnerPortalClient({ ...base, fetch: stub.fetch });
      await expect(client.listProducts()).rejects.toMatchObject({ code: "parameter_validation_failed" });
    });

    it("a body that is not the envelope gives invalid_response with the start of the text", async () => {
      const stub = server(() => ({ status: 502, body: "<html>Bad Gateway</html>" }));
      const client = createPartnerPortalClient({ ...base, fetch: stub.fetch });
      await expect(client.listProducts()).rejects.toMatchObject({
        code: "invalid_response",
        httpStatus: mode === 200 ? 200 : 502,
      });
    });
  });

  const catalog = `{"offeringId":"1","productId":14,"productName":"P-Series Turnkey Package","serviceList":[],"planList":[
   {"planId":"3048941892189077504","name":"P-Series Turnkey Package","purchaseType":"trial","billingModel":"recurring","billingCycles":[],"multiCycles":[0],"minQuantity":1,"maxQuantity":1,
    "serviceList":[{"serviceId":"3049033063168892928","name":"Ultimate Plan Trial","purchaseType":"trial","billingModel":"recurring","billingCycles":[],"multiCycles":[0],"minQuantity":1,"maxQuantity":1,"unit":"package"}]},
   {"planId":"3048941892189077504","name":"P-Series Turnkey Package","purchaseType":"purchase","billingModel":"recurring","billingCycles":["annually"],"multiCycles":[0],"minQuantity":1,"maxQuantity":1000,
    "serviceList":[{"serviceId":"3049032137219817472","name":"Ultimate Plan","purchaseType":"purchase","billingModel":"recurring","billingCycles":["annually"],"multiCycles":[0],"minQuantity":1,"maxQuantity":1000,"unit":"extension"}]}]}`;

  describe("flows", () => {
    const orderResult = envelope(
      `{"instanceId":"1","orderId":null,"orderNo":"","orderStatus":"succeed","productNo":"2","transactionNo":""}`,
    );
    function flowServer() {
      return server((r) => {
        if (r.path.startsWith("/pricing/openapi/purchase/v1/purchase_product_info")) return { body: envelope(catalog) };
        if (r.path.endsWith("/billing_contact_list"))
          return { body: envelope(`[{"billingContactId":"3197218168379846218","emailAddress":"b@x.test"}]`) };
        if (r.path.endsWith("/partner_list"))
          return { body: envelope(`[{"partnerId":"3076913644915998721","userType":"Enduser","email":"sub@x.test"}]`) };
        return { body: orderResult };
      });
    }

    it("requestFreeTrial sends the tutorial's request, byte for byte, from names", async () => {
      const stub = flowServer();
      const client = createPartnerPortalClient({ ...base, fetch: stub.fetch });
      await requestFreeTrial(client, {
        plan: { name: "P-Series Turnkey Package" },
        services: [{ name: "ultimate plan trial" }],
        order: { reference: false }, // the tutorial sends no poNumber
      });
      // The raw text the stub read off the wire: a rounded or re-quoted ID would differ here.
      expect(stub.calls.at(-1)!.body).toBe(
        `{"operationType":"trial_plan","productId":14,"serviceList":[{"serviceType":"plan","serviceId":3048941892189077504,"purchaseType":"trial","multiCycle":0},{"connectionPlanId":3048941892189077504,"serviceType":"service","serviceId":3049033063168892928,"purchaseType":"trial","multiCycle":0}]}`,
      );
    });

    it("subscribeService builds the expand-capacity request with the billing contact and a subordinate", async () => {
      const stub = flowServer();
      const client = createPartnerPortalClient({ ...base, fetch: stub.fetch });
      await subscribeService(client, {
        plan: { id: 3048941892189077504n },
        service: { name: "Ultimate Plan" },
        quantity: 50,
        partner: { email: "sub@x.test" },
        order: { reference: "po-4711" },
      });
      // The tutorial's body, tagged with the caller's reference as poNumber.
      expect(stub.calls.at(-1)!.body).toBe(
        `{"operationType":"purchase_service","productId":14,"billingId":3197218168379846218,"serviceList":[{"connectionPlanId":3048941892189077504,"serviceType":"service","serviceId":3049032137219817472,"quantity":50,"purchaseType":"purchase","billingModel":"recurring","billingCycle":"annually","multiCycle":0}],"partnerId":3076913644915998721,"poNumber":"po-4711"}`,
      );
    });

    it("names what the catalog offers when a plan or service is not there", async () => {
      const client = createPartnerPortalClient({ ...base, fetch: flowServer().fetch });
      await expect(requestFreeTrial(client, { plan: { name: "Nope" } })).rejects.toThrow(
        /no trial plan with name "Nope"; offered: P-Series Turnkey Package \(3048941892189077504\)/,
      );
      await expect(
        subscribeService(client, { plan: { name: "P-Series Turnkey Package" }, service: { id: "1" }, quantity: 1 }),
      ).rejects.toThrow(/offered: Ultimate Plan \(3049032137219817472\)/);
    });
  });
});
