// The contract suite against PARTNER_API_BASE_URL: `npm run contracts` (and `npm run contracts:prism`).
import { contractSuite } from "./suite.ts";
import { urlTarget } from "./targets.ts";

contractSuite(process.env.PARTNER_API_BASE_URL ?? "(PARTNER_API_BASE_URL unset)", () => urlTarget(process.env), {
  statelessOnly: process.env.CONTRACTS_STATELESS_ONLY === "1",
});
