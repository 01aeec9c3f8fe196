import { defineConfig } from "vitest/config";

export default defineConfig({ test: { include: ["examples/msw/*.test.ts"] } });
