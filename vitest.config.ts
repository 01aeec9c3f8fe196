import { readdirSync, readFileSync } from "node:fs";
import { configDefaults, defineConfig } from "vitest/config";

const INCLUDE = [
  "openapi/**/*.test.ts",
  "src/**/*.test.ts",
  "mock/**/*.test.ts",
  "contracts/**/*.test.ts",
  "test/**/*.test.ts",
  "examples/*.test.ts",
  "bench/**/*.test.ts",
];

// A test that starts processes (the built CLI, npm, Prism, a browser) or packs the tarball needs dist/ and
// takes seconds to minutes: it runs in `npm test`, not in `npm run test:quick`. Found by what the file uses, so
// a new such test is classified without anyone remembering to list it.
const SPAWNS = /from "node:child_process"|from "\.\/spawn\.ts"|startPrism|playwright-core/;
const INCLUDED = /^(?:(?:openapi|src|mock|contracts|test|bench)\/.*|examples\/[^/]+)\.test\.ts$/;
export const SLOW = ["openapi", "src", "mock", "contracts", "test", "examples", "bench"]
  .flatMap((dir) => readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => `${dir}/${f}`))
  .filter((f) => INCLUDED.test(f) && SPAWNS.test(readFileSync(f, "utf8")))
  .sort();

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two files at once: most of the slow ones wait on processes they started, not on this one's CPU.
    maxWorkers: 2,
    reporters: ["default", ["junit", { outputFile: "reports/junit.xml" }]],
    projects: [
      {
        extends: true,
        test: { name: "quick", include: INCLUDE, exclude: [...configDefaults.exclude, ...SLOW], isolate: false },
      },
      { extends: true, test: { name: "slow", include: SLOW } },
    ],
  },
});
