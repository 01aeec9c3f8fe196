// `node scripts/parallel.mjs a b,c d`: runs npm scripts a, b and d at once, and c after b (npm test's build and
// checks share the machine's cores instead of taking turns; the type check reads the built declarations), prints
// each one's output when it ends, and fails if any failed.
import { spawn } from "node:child_process";

const names = process.argv.slice(2);
const npm = process.env.npm_execpath;
const run = (name) =>
  new Promise((resolve) => {
    const t0 = performance.now();
    // Through the npm that runs us (npm_execpath), so it works where `npm` is not on PATH as such (Windows).
    const [cmd, args] = npm ? [process.execPath, [npm, "run", "--silent", name]] : ["npm", ["run", "--silent", name]];
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], shell: !npm && process.platform === "win32" });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => {
      const s = ((performance.now() - t0) / 1000).toFixed(1);
      process.stdout.write(`${code === 0 ? "ok  " : "FAIL"} ${name} (${s} s)\n${code === 0 ? "" : out}`);
      resolve(code === 0);
    });
  });
const chain = async (steps) => {
  for (const step of steps.split(",")) if (!(await run(step))) return false;
  return true;
};
const results = await Promise.all(names.map(chain));
process.exit(results.every(Boolean) ? 0 : 1);
