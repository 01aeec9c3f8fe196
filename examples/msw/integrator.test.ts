// The integrator function against the vendor's real URL, answered by MSW with the stateful mock (no port):
//   npx vitest run --config examples/msw/vitest.config.ts
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartnerPortalClient } from "yeastar-partner-portal-kit";
import { partnerPortalHandlers, VENDOR_BASE_URL } from "yeastar-partner-portal-kit/msw";
import { addUltimateSeats } from "../integrator.ts";

const server = setupServer(...partnerPortalHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("addUltimateSeats against the MSW handlers", () => {
  it("orders the seats at https://openapi.partner.yeastar.com, with exact IDs", async () => {
    const client = createPartnerPortalClient({
      baseUrl: VENDOR_BASE_URL,
      clientId: "demo-client-id",
      clientSecret: "demo-client-secret",
      userAgent: "example/1.0",
    });
    const result = await addUltimateSeats(client, 7);
    console.log(`ordered ${result.seats} seats through MSW: order ${result.orderNo}`);
    expect(result.orderNo).toBe("GQ3401181709772259328");
    const order = await client.getOrder(result.orderNo);
    expect(order.billingInformation.billingContactId).toBe("3197218168379846218");
  });
});
