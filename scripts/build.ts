// `npm run build`: everything the package ships, from the TypeScript sources.
//   dist/mock.mjs            the CLI (bin partner-portal-mock, npm start): one file, fast to start
//   dist/lib/{mock,msw}.js   the mock for in-process use and as MSW handlers (express, ajv, yaml bundled in)
//   dist/client/index.js     the client (its two dependencies stay external)
//   dist/types/              declarations, dist/swagger-ui/ the assets /docs serves
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, type BuildOptions } from "esbuild";
import { fromRoot } from "../openapi/root.ts";

export const BUNDLE = fromRoot("dist", "mock.mjs");

// CommonJS dependencies (express) call require(); give the ESM bundles one.
const REQUIRE = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";
const common: BuildOptions = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: "linked",
  logLevel: "warning",
};

rmSync(fromRoot("dist"), { recursive: true, force: true });
await Promise.all([
  build({
    ...common,
    entryPoints: [fromRoot("mock", "bin.ts")],
    outfile: BUNDLE,
    banner: { js: `#!/usr/bin/env node\n${REQUIRE}` },
  }),
  build({
    ...common,
    entryPoints: { mock: fromRoot("mock", "index.ts"), msw: fromRoot("mock", "msw.ts") },
    outdir: fromRoot("dist", "lib"),
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    external: ["msw"],
    banner: { js: REQUIRE },
  }),
  build({
    ...common,
    entryPoints: [fromRoot("src", "index.ts")],
    outfile: fromRoot("dist", "client", "index.js"),
    packages: "external",
  }),
]);

mkdirSync(fromRoot("dist", "swagger-ui"), { recursive: true });
for (const f of ["swagger-ui-bundle.js", "swagger-ui.css"])
  copyFileSync(fromRoot("node_modules", "swagger-ui-dist", f), fromRoot("dist", "swagger-ui", f));

if (!process.argv.includes("--no-types")) {
  execFileSync(process.execPath, [fromRoot("node_modules", "typescript", "bin", "tsc"), "-p", fromRoot("tsconfig.build.json")], {
    stdio: "inherit",
  });
  // The sources import "./x.ts"; a consumer's compiler without allowImportingTsExtensions wants "./x.js".
  const types = fromRoot("dist", "types");
  for (const f of readdirSync(types, { recursive: true, encoding: "utf8" }).filter((n) => n.endsWith(".d.ts"))) {
    const file = join(types, f);
    writeFileSync(file, readFileSync(file, "utf8").replace(/(from\s+["']\.{1,2}\/[^"']*?)\.ts(["'])/g, "$1.js$2"));
  }
}
