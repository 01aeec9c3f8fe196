// Runs the README's client example against a mock listening on a real socket.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createMock } from "../mock/create.ts";
import { turnkeyOrders } from "./turnkey-orders.ts";

let server: Server;
let base: string;
beforeAll(async () => {
  const mock = await createMock({ quiet: true, strict: true });
  server = createServer(mock.handler).listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

it("the typed client runs both tutorials against the mock with exact IDs", async () => {
  const { trial, expansion, orders } = await turnkeyOrders(base);
  expect(trial).toMatchObject({ orderId: null, orderNo: "", orderStatus: "succeed" });
  // The tutorial's answer, placed once: tagged with a reference, answered on the first attempt.
  expect(expansion).toEqual({
    reference: expect.stringMatching(/^ppk-/),
    reconciled: false,
    attempts: 1,
    instanceId: "1948832",
    orderId: "1782070",
    orderNo: "GQ3401181709772259328",
    orderStatus: "succeed",
    productNo: "3076913644890832896",
    transactionNo: "AP3401181710707589121",
  });
  expect(orders.results.map((o) => o.id)).toEqual(["1782070"]);
});
