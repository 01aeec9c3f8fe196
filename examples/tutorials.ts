// Both vendor tutorials with the typed client, against a mock started in this process:
//   npx tsx examples/tutorials.ts
import { startMock } from "yeastar-partner-portal-kit/mock";
import { turnkeyOrders } from "./turnkey-orders.ts";

const mock = await startMock();
try {
  const { trial, expansion, orders } = await turnkeyOrders(mock.url);
  console.log(`free trial: instance ${trial.instanceId}, productNo ${trial.productNo}, status ${trial.orderStatus}`);
  console.log(
    `expansion: order ${expansion.orderNo}, instance ${expansion.instanceId}, status ${expansion.orderStatus}`,
  );
  console.log(`order list: ${orders.total} paid order(s), newest ${orders.results[0]?.orderNo}`);
} finally {
  await mock.close();
}
