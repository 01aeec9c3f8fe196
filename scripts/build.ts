// `npm run build`: everything the package ships, from the TypeScript sources.
//   dist/mock.mjs            the CLI (bin partner-portal-mock, npm start): one file, fast to start
//   dist/lib/{mock,msw}.js   the mock for in-process use and as MSW handlers (express, ajv, yaml bundled in)
//   dist/client/index.js     the client (its two dependencies stay external)
//   dist/types/              declarations, dist/swagger-ui/ the assets /docs serves
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, type BuildOptions, type Plugin } from "esbuild";
import { parseSpec, SPEC_PATH } from "../openapi/load.ts";
import { fromRoot } from "../openapi/root.ts";

export const BUNDLE = fromRoot("dist", "mock.mjs");

// CommonJS dependencies (express) call require(); give the ESM bundles one.
const REQUIRE = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";
// The spec is parsed here, once, and inlined into the bundles as an object literal (64-bit integers as bigint
// literals): parsing the YAML at start-up took about a fifth of the time to the first answer.
const LOAD = 'cached ??= parseSpec(readFileSync(SPEC_PATH, "utf8"));';
const inlineSpec: Plugin = {
  name: "inline-spec",
  setup(b) {
    b.onLoad({ filter: /openapi[\\/]load\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (!source.includes(LOAD)) throw new Error(`inline-spec: ${args.path} no longer contains: ${LOAD}`);
      const literal = JSON.stringify(parseSpec(readFileSync(SPEC_PATH, "utf8")), (_k, v: unknown) =>
        typeof v === "bigint" ? `__bigint__${v}` : v,
      ).replace(/"__bigint__(-?\d+)"/g, "$1n");
      return { contents: source.replace(LOAD, `cached ??= ${literal} as OpenApiDocument;`), loader: "ts" };
    });
  },
};

const common: BuildOptions = {
  plugins: [inlineSpec],
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: "linked",
  logLevel: "warning",
};

// Chunk names carry a hash: clear the old ones. (Not all of dist: a --no-types build keeps the declarations.)
rmSync(fromRoot("dist", "lib"), { recursive: true, force: true });
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
  execFileSync(
    process.execPath,
    [fromRoot("node_modules", "typescript", "bin", "tsc"), "-p", fromRoot("tsconfig.build.json")],
    {
      stdio: "inherit",
    },
  );
  // The sources import "./x.ts"; a consumer's compiler without allowImportingTsExtensions wants "./x.js".
  const types = fromRoot("dist", "types");
  for (const f of readdirSync(types, { recursive: true, encoding: "utf8" }).filter((n) => n.endsWith(".d.ts"))) {
    const file = join(types, f);
    writeFileSync(file, readFileSync(file, "utf8").replace(/(from\s+["']\.{1,2}\/[^"']*?)\.ts(["'])/g, "$1.js$2"));
  }
}
