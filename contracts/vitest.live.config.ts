// `npm run contracts`: the contract suite against the target in the environment, with a JUnit report.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["contracts/target.contract.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    reporters: ["default", ["junit", { outputFile: process.env.CONTRACTS_JUNIT ?? "reports/contracts.junit.xml" }]],
  },
});
