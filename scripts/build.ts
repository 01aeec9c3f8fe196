// `npm run build`: everything the package ships, from the TypeScript sources.
//   dist/cjs/mock.cjs        the mock (express, ajv, yaml bundled in), CommonJS: the one copy of it, which every
//                            other entry loads, so ESM and require() users share it and Jest needs no transform
//   dist/lib/mock.js         ESM face of dist/cjs/mock.cjs
//   dist/lib/msw.js, dist/cjs/msw.cjs   the MSW handlers, small: each imports its own kind of msw
//   dist/mock.mjs            the CLI (bin partner-portal-mock, npm start), small
//   dist/client/index.js, dist/cjs/index.cjs   the client, ESM and CommonJS (its two dependencies stay external)
//   dist/types/              declarations, .d.ts for import and .d.cts for require; dist/swagger-ui/ for /docs
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, sep } from "node:path";
import { build, type BuildOptions, type Metafile, type Plugin } from "esbuild";
import { CONTROL_SPEC_PATH, SPEC_PATH } from "../openapi/load.ts";
import { parseSpec } from "../openapi/parse.ts";
import { fromRoot, ROOT } from "../openapi/root.ts";

export const BUNDLE = fromRoot("dist", "mock.mjs");
const CORE = fromRoot("dist", "cjs", "mock.cjs");
const SATELLITES = ["mock/msw.ts", "mock/bin.ts"];
const MSW = /^msw(\/|$)/;

// CommonJS dependencies bundled into ESM files call require(); give them one.
const REQUIRE = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";
// import.meta does not exist in CommonJS (openapi/root.ts finds the package root from it): give its fields.
const META = `var __importMeta = { url: require("node:url").pathToFileURL(__filename).href, filename: __filename, dirname: __dirname };`;

// Both specs are parsed here, once, and inlined into the bundle as object literals (64-bit integers as bigint
// literals): parsing the YAML at start-up took about a fifth of the time to the first answer.
const PARSE_IMPORT = 'import { parseSpec } from "./parse.ts";\n';
const LOADS = [
  { line: 'cached ??= parseSpec(readFileSync(SPEC_PATH, "utf8"));', path: SPEC_PATH, into: "cached" },
  { line: 'control ??= parseSpec(readFileSync(CONTROL_SPEC_PATH, "utf8"));', path: CONTROL_SPEC_PATH, into: "control" },
];
const specLiteral = (path: string) =>
  JSON.stringify(parseSpec(readFileSync(path, "utf8")), (_k, v: unknown) =>
    typeof v === "bigint" ? `__bigint__${v}` : v,
  ).replace(/"__bigint__(-?\d+)"/g, "$1n");
const inlineSpec: Plugin = {
  name: "inline-spec",
  setup(b) {
    b.onLoad({ filter: /openapi[\\/]load\.ts$/ }, (args) => {
      let source = readFileSync(args.path, "utf8");
      if (!source.includes(PARSE_IMPORT))
        throw new Error(`inline-spec: ${args.path} no longer contains: ${PARSE_IMPORT}`);
      source = source.replace(PARSE_IMPORT, "");
      for (const { line, path, into } of LOADS) {
        if (!source.includes(line)) throw new Error(`inline-spec: ${args.path} no longer contains: ${line}`);
        source = source.replace(line, `${into} ??= ${specLiteral(path)} as OpenApiDocument;`);
      }
      return { contents: source, loader: "ts" };
    });
  },
};

// npm nests a package once per dependent when versions clash with the root's (mime-db sat in the bundle three
// times, 200 KB each, parsed at every start): every copy of one name@version resolves to the first one seen.
const NODE_MODULES = `${sep}node_modules${sep}`;
const dedupe: Plugin = {
  name: "dedupe",
  setup(b) {
    const first = new Map<string, string>();
    const skip = Symbol("dedupe");
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === skip) return undefined;
      const { kind, importer, resolveDir } = args;
      const r = await b.resolve(args.path, { kind, importer, resolveDir, pluginData: skip });
      const at = r.path.lastIndexOf(NODE_MODULES);
      if (r.errors.length || r.external || at < 0) return r;
      const inside = at + NODE_MODULES.length;
      const rest = r.path.slice(inside).split(sep);
      const root = r.path.slice(0, inside) + rest.slice(0, rest[0]!.startsWith("@") ? 2 : 1).join(sep);
      const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; version: string };
      const key = `${pkg.name}@${pkg.version}${r.path.slice(root.length)}`;
      if (!first.has(key)) first.set(key, r.path);
      return { ...r, path: first.get(key)! };
    });
  },
};

const common: BuildOptions = {
  bundle: true,
  platform: "node",
  target: "node20",
  logLevel: "warning",
  absWorkingDir: ROOT,
  // Smaller to read and compile at every start; names stay, so stack traces still read.
  minifyWhitespace: !process.env.BUILD_READABLE,
  minifySyntax: true,
};
const cjs: BuildOptions = { format: "cjs", define: { "import.meta": "__importMeta" }, banner: { js: META } };

/**
 * Which of our modules go into the core: everything /mock reaches, and every module of ours a satellite (the CLI,
 * the MSW entry) imports, except those that reach msw (they stay in the satellite, so /mock never loads msw).
 */
async function coreModules(): Promise<string[]> {
  const { metafile } = await build({
    ...common,
    entryPoints: ["mock/index.ts", ...SATELLITES],
    packages: "external",
    format: "esm",
    outdir: "dist/.graph",
    write: false,
    metafile: true,
  });
  const inputs: Metafile["inputs"] = metafile.inputs;
  const local = (p: string) => p in inputs;
  const msw = new Set<string>();
  const reachesMsw = (file: string) =>
    inputs[file]!.imports.some((i) => (i.external ? MSW.test(i.path) : msw.has(i.path)));
  for (let before = -1; before !== msw.size;) {
    before = msw.size;
    for (const file of Object.keys(inputs)) if (reachesMsw(file)) msw.add(file);
  }
  if (msw.has("mock/index.ts")) throw new Error("build: mock/index.ts reaches msw; /mock must load without it");
  const core = new Set<string>();
  for (const entry of SATELLITES) {
    const inside = [entry];
    for (const file of inside)
      for (const i of inputs[file]!.imports.filter((i) => !i.external && local(i.path)))
        if (msw.has(i.path)) {
          if (!inside.includes(i.path)) inside.push(i.path);
        } else core.add(i.path);
  }
  return [...core].sort();
}

/** A satellite's imports of core modules become the core bundle's own copies (one state, one class identity). */
function fromCore(core: Set<string>, coreSpecifier: string): Plugin {
  const skip = Symbol("fromCore");
  return {
    name: "from-core",
    setup(b) {
      b.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData === skip || args.namespace === "core") return undefined;
        const { kind, importer, resolveDir } = args;
        const r = await b.resolve(args.path, { kind, importer, resolveDir, pluginData: skip });
        const key = relative(ROOT, r.path).split(sep).join("/");
        return core.has(key) ? { path: key, namespace: "core" } : r;
      });
      b.onResolve({ filter: /.*/, namespace: "core" }, (args) => ({ path: args.path, external: true }));
      b.onLoad({ filter: /.*/, namespace: "core" }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(coreSpecifier)}).__modules[${JSON.stringify(args.path)}];`,
        loader: "js",
      }));
    },
  };
}

async function buildMock(): Promise<void> {
  const core = await coreModules();
  const entry = [
    'export * from "./mock/index.ts";',
    ...core.map((m, n) => `import * as m${n} from "./${m}";`),
    `export const __modules = { ${core.map((m, n) => `${JSON.stringify(m)}: m${n}`).join(", ")} };`,
  ].join("\n");
  await build({
    ...common,
    ...cjs,
    plugins: [inlineSpec, dedupe],
    stdin: { contents: entry, resolveDir: ROOT, sourcefile: "mock-core.ts", loader: "ts" },
    outfile: CORE,
  });
  const set = new Set(core);
  const esm: BuildOptions = { ...common, format: "esm", external: ["msw", "msw/*"] };
  const satellite = (entry: string, outfile: string, core: string, options: BuildOptions) =>
    build({ ...esm, entryPoints: [entry], outfile, plugins: [fromCore(set, core)], ...options });
  await Promise.all([
    satellite("mock/bin.ts", BUNDLE, "./cjs/mock.cjs", { banner: { js: `#!/usr/bin/env node\n${REQUIRE}` } }),
    satellite("mock/msw.ts", "dist/lib/msw.js", "../cjs/mock.cjs", { banner: { js: REQUIRE } }),
    satellite("mock/msw.ts", "dist/cjs/msw.cjs", "./mock.cjs", cjs),
  ]);
  // The ESM face of the core: its names, read from the built file itself.
  const names = Object.keys(createRequire(import.meta.url)(CORE) as object);
  const named = names.filter((k) => k !== "__modules" && k !== "default");
  writeFileSync(
    fromRoot("dist", "lib", "mock.js"),
    `import core from "../cjs/mock.cjs";\nexport const { ${named.join(", ")} } = core;\n` +
      (names.includes("default") ? "export default core.default;\n" : ""),
  );
}

async function buildClient(): Promise<void> {
  const client: BuildOptions = { ...common, entryPoints: ["src/index.ts"], packages: "external" };
  await Promise.all([
    // Source maps only where every source is ours (a map of bundled dependencies is megabytes nobody reads).
    build({ ...client, format: "esm", sourcemap: "linked", outfile: "dist/client/index.js" }),
    // openapi-fetch goes in: a CommonJS file here takes a default import from a CommonJS module as its whole
    // module.exports (Node's ESM rule, since the sources are ESM), not openapi-fetch's `default`.
    build({ ...client, ...cjs, packages: undefined, external: ["lossless-json"], outfile: "dist/cjs/index.cjs" }),
  ]);
}

/** Declarations: tsc's .d.ts, with "./x.js" imports (a consumer's compiler wants those), and a .d.cts twin each. */
function buildTypes(): void {
  const types = fromRoot("dist", "types");
  rmSync(types, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [fromRoot("node_modules", "typescript", "bin", "tsc"), "-p", fromRoot("tsconfig.build.json")],
    { stdio: "inherit" },
  );
  const relativeTs = /((?:from\s+|import\()["']\.{1,2}\/[^"']*?)\.[jt]s(["'])/g;
  for (const f of readdirSync(types, { recursive: true, encoding: "utf8" }).filter((n) => n.endsWith(".d.ts"))) {
    const file = join(types, f);
    const source = readFileSync(file, "utf8");
    writeFileSync(file, source.replace(relativeTs, "$1.js$2"));
    writeFileSync(file.replace(/\.d\.ts$/, ".d.cts"), source.replace(relativeTs, "$1.cjs$2"));
  }
}

// Old outputs (other layouts, hashed names) must not linger; a --no-types build keeps the declarations.
for (const d of ["lib", "cjs", "client"]) rmSync(fromRoot("dist", d), { recursive: true, force: true });
rmSync(fromRoot("dist", "mock.mjs.map"), { force: true });
await Promise.all([buildMock(), buildClient()]);

mkdirSync(fromRoot("dist", "swagger-ui"), { recursive: true });
for (const f of ["swagger-ui-bundle.js", "swagger-ui.css"])
  copyFileSync(fromRoot("node_modules", "swagger-ui-dist", f), fromRoot("dist", "swagger-ui", f));

if (!process.argv.includes("--no-types")) buildTypes();
