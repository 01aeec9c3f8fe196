// The request log: one line per request on stdout, a ring of the last requests for the control API and the
// page, and the live log's subscribers. Bodies are kept as received, each cut at BODY_CAP and all together
// within BODY_BUDGET (the oldest bodies go first); headers never are. Secrets are redacted (redact.ts) from
// whatever is read, printed or streamed: when it is, not on every request (that was a tenth of a GET's time).
import type { components, operations } from "../../openapi/generated/mock-control.ts";
import { redactBody, redactPath } from "./redact.ts";
export { redactPath };

/** One entry, as the control API's spec describes it (the time is formatted only when printed or read). */
export type LogEntry = Omit<components["schemas"]["LogEntry"], "time">;
export type RequestFilter = NonNullable<operations["listRequests"]["parameters"]["query"]>;

/** The most of one request's body the log keeps (characters). */
export const BODY_CAP = 64 * 1024;
/** The most body text the whole ring keeps (characters). */
export const BODY_BUDGET = 4 * 1024 * 1024;

/** The page, its live log, the API reference and the favicon: not what a test wants to verify. */
const ASSET = /^\/(?:favicon\.ico$|docs(?:\/|$)|__mock\/(?:ui|events)(?:\/|$))/;
/** `path` without its query. */
export const isAsset = (path: string) => ASSET.test(path);

/** What a request was, as received: redacted (redact.ts) only when the log is read, printed or streamed. */
export interface Received {
  at: number;
  method: string;
  /** Path and query, as sent. */
  url: string;
  /** The path as the router read it (mock/http/target.ts): what the `path` filter matches. */
  path: string;
  status: number;
  ms: number;
  requestId: string;
  clientId?: string | undefined;
  operationId?: string | undefined;
  body?: { text: string; type: string } | undefined;
}

/** A ring slot: the request as received, and its log entry once somebody needed it. */
interface Slot {
  received: Received;
  asset: boolean;
  /** Body characters this slot counts against the budget. */
  chars: number;
  /** Its body was emptied to keep the ring within BODY_BUDGET. */
  dropped?: boolean;
  entry?: LogEntry;
}

const matches = (s: Slot, f: RequestFilter) =>
  (f.operationId === undefined || s.received.operationId === f.operationId) &&
  (f.clientId === undefined || s.received.clientId === f.clientId) &&
  (f.method === undefined || s.received.method === f.method.toUpperCase()) &&
  (f.path === undefined || s.received.path === f.path) &&
  (f.status === undefined || s.received.status === f.status) &&
  (f.include === "assets" || !s.asset);

/** The log entry of a slot: redacted, its body cut at BODY_CAP; made once, when first needed. */
function entryOf(s: Slot): LogEntry {
  if (s.entry) return s.entry;
  const { at, method, url, status, ms, requestId, clientId, operationId, body } = s.received;
  const e: LogEntry = { at, method, path: redactPath(url), status, ms, requestId, clientId, operationId };
  if (s.dropped) {
    e.body = "";
    e.bodyTruncated = true;
  } else if (body) {
    // Redacted whole, then cut: a cut first could leave a secret's start where no pattern sees it.
    const text = redactBody(body.text, body.type);
    e.body = text.length > BODY_CAP ? text.slice(0, BODY_CAP) : text;
    if (text.length > BODY_CAP) e.bodyTruncated = true;
  }
  if (s.asset) e.asset = true;
  // The text as received is not kept past this point: only what may be shown.
  s.received = { ...s.received, body: undefined };
  return (s.entry = e);
}

export class RequestLog {
  readonly #ring: Slot[] = [];
  #next = 0;
  #bodyChars = 0;
  readonly #listeners = new Set<(frame: string) => void>();
  constructor(
    private readonly quiet: boolean,
    private readonly out: (line: string) => void = (l) => process.stdout.write(l),
    private readonly size = 500,
  ) {}

  record(received: Received): void {
    const slot: Slot = {
      received,
      asset: isAsset(received.path),
      chars: Math.min(received.body?.text.length ?? 0, BODY_CAP),
    };
    // A body past the cap is redacted and cut now, so the ring never holds more than BODY_CAP of it.
    if (received.body && received.body.text.length > BODY_CAP) entryOf(slot);
    // A ring: overwrite the oldest entry instead of shifting the array.
    if (this.#ring.length < this.size) this.#ring.push(slot);
    else {
      this.#bodyChars -= this.#ring[this.#next]!.chars;
      this.#ring[this.#next] = slot;
    }
    this.#next = (this.#next + 1) % this.size;
    this.#bodyChars += slot.chars;
    if (this.#bodyChars > BODY_BUDGET) this.#dropOldBodies();
    if (this.#listeners.size) {
      // Serialised once, whatever the number of subscribers; bodies stay out of the live log.
      const { body: _b, bodyTruncated: _t, ...light } = entryOf(slot);
      const frame = `event: request\ndata: ${JSON.stringify({ ...light, time: new Date(received.at).toISOString() })}\n\n`;
      for (const l of this.#listeners) l(frame);
    }
    if (!this.quiet) {
      const e = entryOf(slot);
      const time = new Date(e.at).toISOString();
      this.out(`${time} ${e.method} ${e.path} ${e.status} ${e.ms.toFixed(1)}ms ${e.requestId}\n`);
    }
  }

  /** Empties the bodies of the oldest entries until the ring is within its budget again. */
  #dropOldBodies(): void {
    for (const s of this.#ordered()) {
      if (this.#bodyChars <= BODY_BUDGET) return;
      if (!s.chars) continue;
      this.#bodyChars -= s.chars;
      s.chars = 0;
      s.dropped = true;
      if (s.entry) {
        s.entry.body = "";
        s.entry.bodyTruncated = true;
      }
      s.received = { ...s.received, body: undefined };
    }
  }

  #ordered(): Slot[] {
    const full = this.#ring.length === this.size;
    return full ? [...this.#ring.slice(this.#next), ...this.#ring.slice(0, this.#next)] : this.#ring;
  }

  /** Oldest first, with the time as ISO text; page assets only when the filter includes them. */
  recent(filter: RequestFilter = {}): Array<LogEntry & { time: string }> {
    return this.#ordered()
      .filter((s) => matches(s, filter))
      .map((s) => {
        const e = entryOf(s);
        return { ...e, time: new Date(e.at).toISOString() };
      });
  }

  /** Live-log subscribers right now. */
  get subscribers(): number {
    return this.#listeners.size;
  }

  /** The listener gets each event as a ready Server-Sent Events frame. */
  subscribe(listener: (frame: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
