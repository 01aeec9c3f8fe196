// A client created at module scope, before MSW patches fetch (the usual shape of an integrator's code: a client
// module imported by the test file, then setupServer in the test), must still be intercepted.
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { expect, it } from "vitest";
import { createPartnerPortalClient } from "../index.ts";
import { envelope, tokenBody } from "./stub-server.ts";

// `.invalid` never resolves: a call that escapes MSW fails instead of reaching anything.
const BASE = "http://partner-portal.invalid";
const client = createPartnerPortalClient({ baseUrl: BASE, clientId: "id-1", clientSecret: "secret-1" });

it("intercepts a client created before server.listen(), with onUnhandledRequest 'error'", async () => {
  const seen: string[] = [];
  const server = setupServer(
    http.post(`${BASE}/auth/openapi/v1/oauth/token`, () => new HttpResponse(tokenBody(1))),
    http.get(`${BASE}/user/openapi/user/v1/client/billing_contact_list`, ({ request }) => {
      seen.push(request.headers.get("authorization") ?? "");
      return new HttpResponse(envelope(`[{"billingContactId":3197218168379846218}]`));
    }),
  );
  server.listen({ onUnhandledRequest: "error" });
  try {
    const contacts = await client.listBillingContacts();
    expect(contacts).toEqual([{ billingContactId: 3197218168379846218n }]);
    expect(seen).toEqual(["Bearer access-1"]);
  } finally {
    server.close();
  }
  // And after close() the client uses the real fetch again (here: a name that cannot resolve).
  await expect(client.listProducts()).rejects.toThrow();
});
