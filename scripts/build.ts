// Bundles the mock's CLI into dist/mock.mjs: one file, no TypeScript loader, so it answers fast after launch.
import { build } from "esbuild";
import { fromRoot } from "../openapi/root.ts";

export const BUNDLE = fromRoot("dist", "mock.mjs");

await build({
  entryPoints: [fromRoot("mock", "bin.ts")],
  outfile: BUNDLE,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  minify: false,
  sourcemap: "linked",
  logLevel: "warning",
  // CommonJS dependencies (express) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
