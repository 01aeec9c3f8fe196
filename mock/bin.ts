// The mock's CLI: `npm start` (see --help). Listens, prints where and with which credentials, stops cleanly.
// The flags are a table (flags.ts) mapping each one to a MockOptions field; every start-up failure is one line.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { CONTROL_PREFIX } from "./app.ts";
import { DEMO_CREDENTIALS } from "./demo.ts";
import { argsConfig, FlagError, helpText, parseFlags, type Parsed } from "./flags.ts";
import { StateFileError } from "./journal.ts";
import { SeedError } from "./seed/load.ts";
import { serve, type Serving } from "./server.ts";
import { fromRoot } from "../openapi/root.ts";

function fail(message: string): never {
  process.stderr.write(`mock: ${message}\n`);
  process.exit(1);
}

const env = process.env;
const { options, cli } = ((): Parsed => {
  try {
    return parseFlags(parseArgs({ options: argsConfig(), strict: true }).values, env);
  } catch (err) {
    if (err instanceof FlagError) return fail(err.message);
    return fail(`${(err as Error).message}\n\n${helpText()}`);
  }
})();
if (cli.help) {
  process.stdout.write(helpText());
  process.exit(0);
}
if (cli.version) {
  const pkg = JSON.parse(readFileSync(fromRoot("package.json"), "utf8")) as { version: string };
  process.stdout.write(`${pkg.version}\n`);
  process.exit(0);
}

const host = options.host ?? "127.0.0.1";
const port = options.port ?? 4000;

/** Why the mock could not start, in one line. */
function startFailure(err: NodeJS.ErrnoException): string {
  if (err instanceof SeedError || err instanceof StateFileError) return err.message;
  switch (err.code) {
    case "EADDRINUSE":
      return `${host}:${port} is already in use; pass --port (or PORT) to choose another, or 0 for any free port`;
    case "EACCES":
      return `no permission to listen on ${host}:${port}`;
    case "EADDRNOTAVAIL":
      return `cannot listen on ${host}: it is not an address of this machine (use 127.0.0.1, 0.0.0.0 or one of its own)`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_FAIL":
      return `cannot listen on ${host}: no such host or address`;
  }
  return `could not start: ${err.message}`;
}

const serving: Serving = await serve({
  ...options,
  quiet: options.quiet ?? false,
  strict: options.strict ?? false,
}).catch((err: NodeJS.ErrnoException) => fail(startFailure(err).replace(/\s*\n\s*/g, "; ")));

const base = serving.url;
const { demo, control } = serving;
const stateFile = options.stateFile;
if (serving.droppedTail)
  process.stderr.write(
    `mock: dropped a torn last record of ${serving.droppedTail} bytes from ${stateFile} (a write cut short by a crash; it was never acknowledged)\n`,
  );
const overridden = demo.clientSecret !== DEMO_CREDENTIALS.clientSecret;
const controlLine = control
  ? `${base}${CONTROL_PREFIX}${options.controlToken ? " (needs X-Mock-Control-Token)" : ""}`
  : options.control === false
    ? "off (--no-control)"
    : `off on a non-loopback address; turn it on with --control-token T (or MOCK_CONTROL_TOKEN) or --control`;
// The first line is for scripts (`--port 0`, then read the URL from it); the rest for people.
const lines = [
  `listening ${base}`,
  `Yeastar Partner Portal mock listening on ${base}`,
  `  demo client_id      ${demo.clientId}`,
  `  demo client_secret  ${overridden ? "(set by you; not printed)" : demo.clientSecret}`,
  `  control API         ${controlLine}`,
  ...(control ? [`  page                ${base}${CONTROL_PREFIX}/ui/`] : []),
  `  API reference       ${base}/docs/`,
  `  state               ${stateFile ? `${stateFile} (${serving.replayed} records replayed)` : "in memory (lost when the mock stops; --state-file keeps it)"}`,
  "",
];
process.stdout.write(lines.join("\n"));

let stopping = false;
async function stop(why: string) {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`mock: ${why}, stopping\n`);
  await serving.close();
  process.exit(0);
}
// A mock must outlive a bug in one request: report it and keep serving.
process.on("unhandledRejection", (err) => console.error("mock: unhandled rejection (still serving):", err));
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGHUP", () => void stop("SIGHUP"));

// npm and npx run us through `sh -c` and pass a SIGTERM only to that shell: when it dies we are orphaned and
// would keep serving. So when npm started us, losing that parent means stop. A mock started directly (node,
// nohup, a service manager) is left alone; --exit-with-parent / --no-exit-with-parent decide explicitly.
const startedByNpm = Boolean(env.npm_lifecycle_event || env.npm_command);
if (cli.exitWithParent ?? startedByNpm) {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop(`the process that started it (pid ${parent}) is gone`);
  }, 250).unref();
}
