import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["examples/startmock/*.test.ts"],
    globalSetup: ["examples/startmock/global-setup.ts"],
  },
});
