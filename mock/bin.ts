// The mock's CLI: `npm start` (see --help). Listens, prints where and with which credentials, stops cleanly.
import { parseArgs } from "node:util";
import { CONTROL_PREFIX, DEFAULT_BODY_LIMIT } from "./app.ts";
import { DEMO_CREDENTIALS } from "./create.ts";
import { StateFileError } from "./journal.ts";
import { isLoopback, serve } from "./server.ts";
import { SeedError } from "./seed/load.ts";

const HELP = `Usage: partner-portal-mock [options]   (in this repository: npm start -- [options])

Stateful mock of the Yeastar Partner Portal ordering API.

Options (environment variable in brackets):
  --host HOST            address to bind [HOST] (default 127.0.0.1)
  --port PORT            port, 0 for any free one [PORT] (default 4000)
  --client-id ID         demo account client_id [MOCK_CLIENT_ID] (default demo-client-id)
  --client-secret S      demo account client_secret [MOCK_CLIENT_SECRET] (default demo-client-secret)
  --seed FILE            seed file instead of mock/seed/default.json [MOCK_SEED]
  --state-file FILE      keep state in FILE across restarts and crashes [MOCK_STATE_FILE]
  --compact-bytes BYTES  compact the state file into a snapshot past this many bytes of records
                         (default 67108864, or the snapshot's own size if larger)
  --max-accounts N       most isolated accounts at once; more get 429 [MOCK_MAX_ACCOUNTS] (default 1000)
  --account-ttl SECONDS  remove an isolated account unused this long [MOCK_ACCOUNT_TTL] (default 86400)
  --control              serve the control API (${CONTROL_PREFIX}) even on a non-loopback address
  --no-control           do not serve the control API
  --control-token T      require header X-Mock-Control-Token: T on the control API [MOCK_CONTROL_TOKEN]
  --strict               validate every response against the spec (a mismatch answers 500)
  --error-http-status S  mirror: an error's HTTP status is its envelope status (default); 200: every error is
                         answered with HTTP 200, the status only in the envelope [MOCK_ERROR_HTTP_STATUS]
  --body-limit BYTES     largest accepted request body (default ${DEFAULT_BODY_LIMIT})
  --headers-timeout MS   a client must send its headers within MS (default 10000)
  --request-timeout MS   and the whole request within MS (default 30000)
  --quiet                no request log
  --exit-with-parent     stop when the process that started it exits (default when started by npm or npx,
                         which do not pass SIGTERM on to it); --no-exit-with-parent to keep serving
  -h, --help             this help
`;

function fail(message: string): never {
  process.stderr.write(`mock: ${message}\n`);
  process.exit(1);
}

const { values: a } = (() => {
  try {
    return parseArgs({
      options: {
        host: { type: "string" },
        port: { type: "string" },
        "client-id": { type: "string" },
        "client-secret": { type: "string" },
        seed: { type: "string" },
        "state-file": { type: "string" },
        "compact-bytes": { type: "string" },
        "max-accounts": { type: "string" },
        "account-ttl": { type: "string" },
        control: { type: "boolean" },
        "no-control": { type: "boolean" },
        "control-token": { type: "string" },
        strict: { type: "boolean" },
        "error-http-status": { type: "string" },
        "body-limit": { type: "string" },
        "headers-timeout": { type: "string" },
        "request-timeout": { type: "string" },
        quiet: { type: "boolean" },
        "exit-with-parent": { type: "boolean" },
        "no-exit-with-parent": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
  } catch (err) {
    return fail(`${(err as Error).message}\n\n${HELP}`);
  }
})();
if (a.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const env = process.env;
const host = a.host ?? env.HOST ?? "127.0.0.1";
const port = Number(a.port ?? env.PORT ?? 4000);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`--port must be a whole number from 0 to 65535, got ${a.port ?? env.PORT}`);
const bodyLimit = Number(a["body-limit"] ?? DEFAULT_BODY_LIMIT);
if (!Number.isInteger(bodyLimit) || bodyLimit < 1024)
  fail("--body-limit must be a whole number of bytes, at least 1024");
const positive = (flag: string, fallback: number) => {
  const v = Number(a[flag as keyof typeof a] ?? fallback);
  if (!Number.isInteger(v) || v < 100) fail(`--${flag} must be a whole number of milliseconds, at least 100`);
  return v;
};
const headersTimeout = positive("headers-timeout", 10_000);
const requestTimeout = Math.max(positive("request-timeout", 30_000), headersTimeout);
const demo = {
  clientId: a["client-id"] ?? env.MOCK_CLIENT_ID ?? DEMO_CREDENTIALS.clientId,
  clientSecret: a["client-secret"] ?? env.MOCK_CLIENT_SECRET ?? DEMO_CREDENTIALS.clientSecret,
};
const loopback = isLoopback(host);
const controlToken = a["control-token"] ?? env.MOCK_CONTROL_TOKEN;
// The control API can reset and read every account: off by default where others can reach the mock.
const control = a["no-control"] ? false : a.control || loopback || Boolean(controlToken);
const stateFile = a["state-file"] ?? env.MOCK_STATE_FILE;

const seedPath = a.seed ?? env.MOCK_SEED;
/** An optional whole-number option, at least `min`; undefined when not given. */
const whole = (flag: string, value: string | undefined, min: number, unit = "") => {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (!Number.isInteger(v) || v < min) fail(`--${flag} must be a whole number${unit}, at least ${min}`);
  return v;
};
const compactBytes = whole("compact-bytes", a["compact-bytes"], 1024, " of bytes");
const maxAccounts = whole("max-accounts", a["max-accounts"] ?? env.MOCK_MAX_ACCOUNTS, 1);
const ttlSeconds = whole("account-ttl", a["account-ttl"] ?? env.MOCK_ACCOUNT_TTL, 1);

const errorMode = a["error-http-status"] ?? env.MOCK_ERROR_HTTP_STATUS ?? "mirror";
if (errorMode !== "mirror" && errorMode !== "200") fail(`--error-http-status must be mirror or 200, got ${errorMode}`);

const serving = await serve({
  errorHttpStatus: errorMode === "200" ? 200 : "mirror",
  maxAccounts,
  accountTtlMs: ttlSeconds === undefined ? undefined : ttlSeconds * 1000,
  host,
  port,
  demo,
  seedPath,
  stateFile,
  compactBytes,
  quiet: a.quiet ?? false,
  strict: a.strict ?? false,
  control,
  controlToken,
  bodyLimit,
  headersTimeout,
  requestTimeout,
}).catch((err: NodeJS.ErrnoException) => {
  if (err instanceof SeedError || err instanceof StateFileError) fail(err.message);
  if (err.code === "EADDRINUSE")
    fail(`${host}:${port} is already in use; pass --port (or PORT) to choose another, or 0 for any free port`);
  if (err.code === "EACCES") fail(`no permission to listen on ${host}:${port}`);
  throw err;
});

const base = serving.url;
if (serving.droppedTail)
  process.stderr.write(
    `mock: dropped a torn last record of ${serving.droppedTail} bytes from ${stateFile} (a write cut short by a crash; it was never acknowledged)\n`,
  );
const overridden = demo.clientSecret !== DEMO_CREDENTIALS.clientSecret;
const controlLine = control
  ? `${base}${CONTROL_PREFIX}${controlToken ? " (needs X-Mock-Control-Token)" : ""}`
  : a["no-control"]
    ? "off (--no-control)"
    : `off on a non-loopback address; turn it on with --control-token T (or MOCK_CONTROL_TOKEN) or --control`;
const lines = [
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
const watchParent = a["no-exit-with-parent"] ? false : (a["exit-with-parent"] ?? startedByNpm);
if (watchParent) {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop(`the process that started it (pid ${parent}) is gone`);
  }, 250).unref();
}
