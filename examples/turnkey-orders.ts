// The README's client example: both tutorials through the typed client. Type-checked by `npm test` (tsc) and
// run against a live mock by examples/turnkey-orders.test.ts.
import {
  createPartnerPortalClient,
  PartnerPortalError,
  requestFreeTrial,
  subscribeService,
} from "yeastar-partner-portal-kit";

export async function turnkeyOrders(baseUrl: string) {
  const client = createPartnerPortalClient({
    baseUrl, // https://openapi.partner.yeastar.com for real, http://127.0.0.1:4000 for the mock
    clientId: process.env.PARTNER_API_CLIENT_ID ?? "demo-client-id",
    clientSecret: process.env.PARTNER_API_CLIENT_SECRET ?? "demo-client-secret",
    userAgent: "my-integration/1.0",
  });

  // Tutorial 1: a free trial of the Turnkey plan with the Ultimate Plan trial service, found by name.
  const trial = await requestFreeTrial(client, {
    plan: { name: "P-Series Turnkey Package" },
    services: [{ name: "Ultimate Plan Trial" }],
  });

  // Tutorial 2: 50 Ultimate Plan extensions on the current plan; IDs may be bigint or string, never number.
  const expansion = await subscribeService(client, {
    plan: { id: 3048941892189077504n },
    service: { name: "Ultimate Plan" },
    quantity: 50,
    billingContact: { billingContactId: "3197218168379846218" },
  });

  // Refusals are typed: code, detailMessage, requestId and status from the vendor's envelope.
  try {
    await requestFreeTrial(client, { plan: { name: "P-Series Turnkey Package" } });
  } catch (err) {
    if (!(err instanceof PartnerPortalError)) throw err;
    console.log(`refused as expected: ${err.code} (${err.detailMessage})`);
  }

  const orders = await client.listOrders({ pageSize: 10 });
  return { trial, expansion, orders };
}
