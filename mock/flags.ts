// The CLI's flag table: each flag (and its environment variable) sets one MockOptions field. A new flag is one
// row here and the field in options.ts; parsing, validation and --help all come from the rows.
import { CONTROL_PREFIX, DEFAULT_BODY_LIMIT } from "./app.ts";
import type { ReferenceField } from "./domain/service.ts";
import type { MockOptions } from "./options.ts";

// A record, so the compiler insists on every value of the domain's type.
const REFERENCE: Record<ReferenceField, true> = { customReferenceNo: true, none: true };
const REFERENCE_FIELDS = Object.keys(REFERENCE) as ReferenceField[];

export class FlagError extends Error {}

type Field = keyof MockOptions;
interface Row {
  flag: string;
  /** The value's name in --help; none for a switch. */
  arg?: string;
  env?: string;
  help: string;
  /** The option it sets, and how from the text given (a switch sets `value`). */
  field?: Field;
  parse?: (text: string, flag: string) => MockOptions[Field];
  value?: boolean;
}

const whole =
  (min: number, unit = "", max?: number) =>
  (text: string, flag: string): number => {
    const v = Number(text);
    if (text.trim() !== "" && Number.isInteger(v) && v >= min && (max === undefined || v <= max)) return v;
    const range = max === undefined ? `, at least ${min}` : ` from ${min} to ${max}`;
    throw new FlagError(`--${flag} must be a whole number${unit}${range}, got ${text}`);
  };
const oneOf =
  <T extends string>(values: readonly T[]) =>
  (text: string, flag: string): T => {
    if ((values as readonly string[]).includes(text)) return text as T;
    throw new FlagError(`--${flag} must be ${values.join(" or ")}, got ${text}`);
  };
const text = (t: string) => t;

export const FLAGS: Row[] = [
  { flag: "host", arg: "HOST", env: "HOST", field: "host", parse: text, help: "address to bind (default 127.0.0.1)" },
  {
    flag: "port",
    arg: "PORT",
    env: "PORT",
    field: "port",
    parse: whole(0, "", 65535),
    help: "port, 0 for any free one (default 4000)",
  },
  {
    flag: "client-id",
    arg: "ID",
    env: "MOCK_CLIENT_ID",
    field: "clientId",
    parse: text,
    help: "demo account client_id (default demo-client-id)",
  },
  {
    flag: "client-secret",
    arg: "S",
    env: "MOCK_CLIENT_SECRET",
    field: "clientSecret",
    parse: text,
    help: "demo account client_secret (default demo-client-secret)",
  },
  {
    flag: "seed",
    arg: "FILE",
    env: "MOCK_SEED",
    field: "seed",
    parse: text,
    help: "seed file instead of mock/seed/default.json",
  },
  {
    flag: "state-file",
    arg: "FILE",
    env: "MOCK_STATE_FILE",
    field: "stateFile",
    parse: text,
    help: "keep state in FILE across restarts and crashes",
  },
  {
    flag: "compact-bytes",
    arg: "BYTES",
    field: "compactBytes",
    parse: whole(1024, " of bytes"),
    help: "compact the state file into a snapshot past this many bytes of records\n(default 67108864, or the snapshot's own size if larger)",
  },
  {
    flag: "max-accounts",
    arg: "N",
    env: "MOCK_MAX_ACCOUNTS",
    field: "maxAccounts",
    parse: whole(1),
    help: "most isolated accounts at once; more get 429 (default 1000)",
  },
  {
    flag: "account-ttl",
    arg: "SECONDS",
    env: "MOCK_ACCOUNT_TTL",
    field: "accountTtlSeconds",
    parse: whole(1),
    help: "remove an isolated account unused this long (default 86400)",
  },
  {
    flag: "max-orders-per-account",
    arg: "N",
    env: "MOCK_MAX_ORDERS_PER_ACCOUNT",
    field: "maxOrdersPerAccount",
    parse: whole(1),
    help: "most orders one account keeps; more get 429 (default 200000)",
  },
  {
    flag: "max-subscribers",
    arg: "N",
    env: "MOCK_MAX_SUBSCRIBERS",
    field: "maxSubscribers",
    parse: whole(1),
    help: `most live-log (${CONTROL_PREFIX}/events) subscribers at once; more get 429 (default 16)`,
  },
  {
    flag: "reference-field",
    arg: "F",
    env: "MOCK_REFERENCE_FIELD",
    field: "referenceField",
    parse: oneOf(REFERENCE_FIELDS),
    help: `where the order list shows an order's poNumber: ${REFERENCE_FIELDS.join(" (default, assumed) or ")}`,
  },
  {
    flag: "control",
    field: "control",
    value: true,
    help: `serve the control API (${CONTROL_PREFIX}) even on a non-loopback address`,
  },
  { flag: "no-control", field: "control", value: false, help: "do not serve the control API" },
  {
    flag: "control-token",
    arg: "T",
    env: "MOCK_CONTROL_TOKEN",
    field: "controlToken",
    parse: text,
    help: "require header X-Mock-Control-Token: T on the control API",
  },
  {
    flag: "strict",
    field: "strict",
    value: true,
    help: "validate every response against the spec (a mismatch answers 500)",
  },
  {
    flag: "error-http-status",
    arg: "S",
    env: "MOCK_ERROR_HTTP_STATUS",
    field: "errorHttpStatus",
    parse: (t, f) => (oneOf(["mirror", "200"])(t, f) === "200" ? 200 : "mirror"),
    help: "mirror: an error's HTTP status is its envelope status (default); 200: every error is\nanswered with HTTP 200, the status only in the envelope",
  },
  {
    flag: "body-limit",
    arg: "BYTES",
    field: "bodyLimit",
    parse: whole(1024, " of bytes"),
    help: `largest accepted request body (default ${DEFAULT_BODY_LIMIT})`,
  },
  {
    flag: "headers-timeout",
    arg: "MS",
    field: "headersTimeout",
    parse: whole(100, " of milliseconds"),
    help: "a client must send its headers within MS (default 10000)",
  },
  {
    flag: "request-timeout",
    arg: "MS",
    field: "requestTimeout",
    parse: whole(100, " of milliseconds"),
    help: "and the whole request within MS (default 30000)",
  },
  {
    flag: "quiet",
    field: "quiet",
    value: true,
    help: "no request log (the banner, first line `listening URL`, is still printed)",
  },
  {
    flag: "exit-with-parent",
    help: "stop when the process that started it exits (default when started by npm or npx,\nwhich do not pass SIGTERM on to it); --no-exit-with-parent to keep serving",
  },
  { flag: "no-exit-with-parent", help: "keep serving when the process that started it exits" },
  { flag: "version", help: "print the version and exit" },
  { flag: "help", help: "this help" },
];

export function helpText(): string {
  const rows = FLAGS.map((r) => {
    const left = `${r.flag === "help" ? "-h, " : ""}--${r.flag}${r.arg ? ` ${r.arg}` : ""}`;
    const [first, ...more] = `${r.help}${r.env ? ` [${r.env}]` : ""}`.split("\n");
    return [`  ${left.padEnd(27)}${first}`, ...more.map((l) => `${" ".repeat(29)}${l}`)].join("\n");
  });
  return `Usage: partner-portal-mock [options]   (in this repository: npm start -- [options])

Stateful mock of the Yeastar Partner Portal ordering API.

Options (environment variable in brackets):
${rows.join("\n")}
`;
}

export interface Parsed {
  options: MockOptions;
  /** Switches that are not mock options. */
  cli: { help: boolean; version: boolean; exitWithParent?: boolean };
}

/** The options given as flags (first) or environment variables; throws FlagError naming the flag. */
export function parseFlags(values: Record<string, string | boolean | undefined>, env: NodeJS.ProcessEnv): Parsed {
  const options: Record<string, unknown> = {};
  for (const row of FLAGS) {
    if (!row.field) continue;
    const given = values[row.flag] ?? (row.env ? env[row.env] : undefined);
    if (given === undefined || given === false) continue;
    options[row.field] = row.parse ? row.parse(String(given), row.flag) : row.value;
  }
  // --no-control wins over --control.
  if (values["no-control"]) options.control = false;
  const exitWithParent = values["no-exit-with-parent"] ? false : (values["exit-with-parent"] as boolean | undefined);
  return {
    options: options as MockOptions,
    cli: {
      help: Boolean(values.help),
      version: Boolean(values.version),
      ...(exitWithParent === undefined ? {} : { exitWithParent }),
    },
  };
}

/** node:util parseArgs's option table, from the rows. */
export function argsConfig(): Record<string, { type: "string" | "boolean"; short?: string }> {
  return Object.fromEntries(
    FLAGS.map(
      (r) => [r.flag, { type: r.arg ? "string" : "boolean", ...(r.flag === "help" ? { short: "h" } : {}) }] as const,
    ),
  );
}
