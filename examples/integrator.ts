// A small integrator function, the kind of code the examples test: add Ultimate Plan seats to the current plan
// and report what was ordered. It only knows the client; the examples run it against the mock and MSW.
import { subscribeService, type PartnerPortalClient } from "yeastar-partner-portal-kit";

export async function addUltimateSeats(client: PartnerPortalClient, seats: number) {
  const products = await client.listProducts();
  const turnkey = products.find((p) => p.name === "P-Series Turnkey Package");
  if (!turnkey) throw new Error("no P-Series Turnkey Package in the product list");
  const order = await subscribeService(client, {
    productId: turnkey.productId,
    plan: { name: "P-Series Turnkey Package" },
    service: { name: "Ultimate Plan" },
    quantity: seats,
  });
  return { orderNo: order.orderNo, instanceId: order.instanceId, seats };
}
