// The mock's CLI: `npm start` (see --help). Listens, prints where and with which credentials, stops cleanly.
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import type { AddressInfo } from "node:net";
import { createApp, CONTROL_PREFIX, DEFAULT_BODY_LIMIT } from "./app.ts";
import { createService, DEMO_CREDENTIALS } from "./create.ts";
import { StateFileError, type Journal } from "./journal.ts";
import { openDurableService } from "./state.ts";
import { SeedError } from "./seed/load.ts";

const HELP = `Usage: npm start -- [options]

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
  --control              serve the control API (${CONTROL_PREFIX}) even on a non-loopback address
  --no-control           do not serve the control API
  --control-token T      require header X-Mock-Control-Token: T on the control API [MOCK_CONTROL_TOKEN]
  --strict               validate every response against the spec (a mismatch answers 500)
  --body-limit BYTES     largest accepted request body (default ${DEFAULT_BODY_LIMIT})
  --headers-timeout MS   a client must send its headers within MS (default 10000)
  --request-timeout MS   and the whole request within MS (default 30000)
  --quiet                no request log
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
        control: { type: "boolean" },
        "no-control": { type: "boolean" },
        "control-token": { type: "string" },
        strict: { type: "boolean" },
        "body-limit": { type: "string" },
        "headers-timeout": { type: "string" },
        "request-timeout": { type: "string" },
        quiet: { type: "boolean" },
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
const loopback = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/.test(host);
const controlToken = a["control-token"] ?? env.MOCK_CONTROL_TOKEN;
// The control API can reset and read every account: off by default where others can reach the mock.
const control = a["no-control"] ? false : a.control || loopback || Boolean(controlToken);
const stateFile = a["state-file"] ?? env.MOCK_STATE_FILE;

let journal: Journal | undefined;
let stateNote = "in memory (lost when the mock stops; --state-file keeps it)";
const seedPath = a.seed ?? env.MOCK_SEED;
const compactBytes = a["compact-bytes"] === undefined ? undefined : Number(a["compact-bytes"]);
if (compactBytes !== undefined && (!Number.isInteger(compactBytes) || compactBytes < 1024))
  fail("--compact-bytes must be a whole number of bytes, at least 1024");
const service = await (async () => {
  try {
    if (!stateFile) {
      const s = createService({ seedPath, demo });
      await s.seedDemo();
      return s;
    }
    const opened = await openDurableService(stateFile, { seedPath, demo, compactBytes });
    journal = opened.journal;
    stateNote = `${stateFile} (${opened.replayed} records replayed)`;
    if (opened.droppedTail)
      process.stderr.write(
        `mock: dropped a torn last record of ${opened.droppedTail} bytes from ${stateFile} (a write cut short by a crash; it was never acknowledged)\n`,
      );
    return opened.service;
  } catch (err) {
    if (err instanceof SeedError || err instanceof StateFileError) fail(err.message);
    throw err;
  }
})();

const { handler } = createApp(service, {
  quiet: a.quiet ?? false,
  strict: a.strict ?? false,
  control,
  controlToken,
  bodyLimit,
});
// A slow or silent client cannot hold a connection: its headers and its whole request have deadlines,
// checked every second (Node's default check is every 30 s).
const server = createServer(
  { headersTimeout, requestTimeout, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 },
  handler,
);
server.listen(port, host);

server.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EADDRINUSE")
    fail(`${host}:${port} is already in use; pass --port (or PORT) to choose another, or 0 for any free port`);
  if (err.code === "EACCES") fail(`no permission to listen on ${host}:${port}`);
  fail(err.message);
});

server.on("listening", () => {
  const { port: actual } = server.address() as AddressInfo;
  const base = `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${actual}`;
  const overridden = demo.clientSecret !== DEMO_CREDENTIALS.clientSecret;
  const lines = [
    `Yeastar Partner Portal mock listening on ${base}`,
    `  demo client_id      ${demo.clientId}`,
    `  demo client_secret  ${overridden ? "(set by you; not printed)" : demo.clientSecret}`,
    `  control API         ${control ? `${base}${CONTROL_PREFIX}${controlToken ? " (needs X-Mock-Control-Token)" : ""}` : "off"}`,
    `  state               ${stateNote}`,
    "",
  ];
  process.stdout.write(lines.join("\n"));
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`mock: ${signal}, stopping\n`);
  server.close();
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), 2000);
  force.unref();
  await journal?.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
