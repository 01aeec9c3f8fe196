// `npm run contracts:prism`: starts Prism's mock on the spec, runs the stateless cases against it, stops it.
// Passing shows that the spec's examples agree with its own schemas, as an independent tool reads them.
import { spawn } from "node:child_process";
import { fromRoot } from "../openapi/root.ts";
import { startPrism } from "./prism.ts";

const prism = await startPrism({ mock: true });
console.log(`Prism mock on ${prism.base}`);
const code = await new Promise<number>((resolve) => {
  const vitest = spawn(
    process.execPath,
    [fromRoot("node_modules", "vitest", "vitest.mjs"), "run", "--config", "contracts/vitest.live.config.ts"],
    {
      cwd: fromRoot(),
      stdio: "inherit",
      env: {
        ...process.env,
        PARTNER_API_BASE_URL: prism.base,
        // Prism checks only that a bearer token is present; these are placeholders, not secrets.
        PARTNER_API_CLIENT_ID: "prism-client",
        PARTNER_API_CLIENT_SECRET: "prism-secret",
        CONTRACTS_PROJECT_PRISM: prism.base,
        CONTRACTS_STATELESS_ONLY: "1",
      },
    },
  );
  vitest.once("exit", (c) => resolve(c ?? 1));
});
await prism.stop();
process.exit(code);
