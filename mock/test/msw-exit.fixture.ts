// Run by msw-control.test.ts: MSW handlers used and closed; the process must then exit on its own.
import { setupServer } from "msw/node";
import { partnerPortalHandlers, VENDOR_BASE_URL } from "../msw.ts";

const server = setupServer(...partnerPortalHandlers());
server.listen({ onUnhandledRequest: "error" });
const statuses: number[] = [];
for (const path of ["/__mock/health", "/__mock/events", "/__mock/requests"])
  statuses.push((await fetch(VENDOR_BASE_URL + path).then(async (r) => (await r.text(), r))).status);
server.close();
process.stdout.write(`${statuses.join(" ")}\n`);
