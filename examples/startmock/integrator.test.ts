// The integrator function against the mock from globalSetup: npx vitest run --config examples/startmock/vitest.config.ts
import { describe, expect, inject, it } from "vitest";
import { createPartnerPortalClient, PartnerPortalError } from "yeastar-partner-portal-kit";
import { addUltimateSeats } from "../integrator.ts";

const { url, clientId, clientSecret } = inject("mock");
const client = createPartnerPortalClient({ baseUrl: url, clientId, clientSecret, userAgent: "example/1.0" });

describe("addUltimateSeats against startMock", () => {
  it("orders the seats on the current plan", async () => {
    const result = await addUltimateSeats(client, 5);
    console.log(`ordered ${result.seats} seats: order ${result.orderNo} on instance ${result.instanceId}`);
    expect(result.orderNo).toMatch(/^GQ\d{19}$/);
    expect(result.instanceId).toBe("1948832");
  });

  it("is refused, with the vendor's envelope, for a quantity the catalog does not allow", async () => {
    const err = await addUltimateSeats(client, 0).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PartnerPortalError);
    console.log(`refused: ${(err as PartnerPortalError).code}`);
  });
});
