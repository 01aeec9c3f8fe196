// `npm start`: runs the built CLI in this process, rebuilding first only when a source is newer than the build.
// Plain JavaScript, no TypeScript loader, so a current build answers within half a second of launch.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = join(root, "dist", "mock.mjs");

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "test" || e.name === "node_modules") continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const built = (() => {
  try {
    return statSync(bundle).mtimeMs;
  } catch {
    return 0;
  }
})();
const sources = Math.max(
  ...["src", "mock", "openapi"].map((d) => newest(join(root, d))),
  statSync(join(root, "scripts", "build.ts")).mtimeMs,
);
if (sources > built) {
  process.stderr.write("mock: sources changed since the last build; building (npm run build)\n");
  const r = spawnSync(
    process.execPath,
    [join(root, "node_modules", "tsx", "dist", "cli.mjs"), join(root, "scripts", "build.ts"), "--no-types"],
    {
      stdio: "inherit",
    },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import(pathToFileURL(bundle).href);
