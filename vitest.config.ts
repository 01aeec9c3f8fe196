import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "openapi/**/*.test.ts",
      "src/**/*.test.ts",
      "mock/**/*.test.ts",
      "contracts/**/*.test.ts",
      "test/**/*.test.ts",
      "examples/*.test.ts",
      "bench/**/*.test.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default", ["junit", { outputFile: "reports/junit.xml" }]],
  },
});
