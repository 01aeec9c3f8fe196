// The request log: one line per request on stdout, a ring of the last requests for the control API and the
// page, and the live log's subscribers. Bodies are kept as received, with secrets redacted (redact.ts), each
// cut at BODY_CAP and all together within BODY_BUDGET (the oldest bodies go first); headers never are.
import type { components, operations } from "../../openapi/generated/mock-control.ts";
export { redactPath } from "./redact.ts";

/** One entry, as the control API's spec describes it (the time is formatted only when printed or read). */
export type LogEntry = Omit<components["schemas"]["LogEntry"], "time">;
export type RequestFilter = NonNullable<operations["listRequests"]["parameters"]["query"]>;

/** The most of one request's body the log keeps (characters). */
export const BODY_CAP = 64 * 1024;
/** The most body text the whole ring keeps (characters). */
export const BODY_BUDGET = 4 * 1024 * 1024;

/** The page, its live log, the API reference and the favicon: not what a test wants to verify. */
const ASSET = /^\/(?:favicon\.ico$|docs(?:\/|$)|__mock\/(?:ui|events)(?:\/|$))/;
export const isAsset = (path: string) => ASSET.test(path.split("?")[0]!);

const matches = (e: LogEntry, f: RequestFilter) =>
  (f.operationId === undefined || e.operationId === f.operationId) &&
  (f.clientId === undefined || e.clientId === f.clientId) &&
  (f.method === undefined || e.method === f.method.toUpperCase()) &&
  (f.path === undefined || e.path.split("?")[0] === f.path) &&
  (f.status === undefined || e.status === f.status) &&
  (f.include === "assets" || !e.asset);

export class RequestLog {
  readonly #ring: LogEntry[] = [];
  #next = 0;
  #bodyChars = 0;
  readonly #listeners = new Set<(frame: string) => void>();
  constructor(
    private readonly quiet: boolean,
    private readonly out: (line: string) => void = (l) => process.stdout.write(l),
    private readonly size = 500,
  ) {}

  record(entry: LogEntry): void {
    if (isAsset(entry.path)) entry = { ...entry, asset: true };
    if (entry.body !== undefined && entry.body.length > BODY_CAP)
      entry = { ...entry, body: entry.body.slice(0, BODY_CAP), bodyTruncated: true };
    // A ring: overwrite the oldest entry instead of shifting the array.
    if (this.#ring.length < this.size) this.#ring.push(entry);
    else {
      this.#bodyChars -= this.#ring[this.#next]!.body?.length ?? 0;
      this.#ring[this.#next] = entry;
    }
    this.#next = (this.#next + 1) % this.size;
    this.#bodyChars += entry.body?.length ?? 0;
    if (this.#bodyChars > BODY_BUDGET) this.#dropOldBodies();
    if (this.#listeners.size) {
      // Serialised once, whatever the number of subscribers; bodies stay out of the live log.
      const { body: _b, bodyTruncated: _t, ...light } = entry;
      const frame = `event: request\ndata: ${JSON.stringify({ ...light, time: new Date(entry.at).toISOString() })}\n\n`;
      for (const l of this.#listeners) l(frame);
    }
    if (!this.quiet) {
      const time = new Date(entry.at).toISOString();
      this.out(`${time} ${entry.method} ${entry.path} ${entry.status} ${entry.ms.toFixed(1)}ms ${entry.requestId}\n`);
    }
  }

  /** Empties the bodies of the oldest entries until the ring is within its budget again. */
  #dropOldBodies(): void {
    for (const e of this.#ordered()) {
      if (this.#bodyChars <= BODY_BUDGET) return;
      if (!e.body) continue;
      this.#bodyChars -= e.body.length;
      e.body = "";
      e.bodyTruncated = true;
    }
  }

  #ordered(): LogEntry[] {
    const full = this.#ring.length === this.size;
    return full ? [...this.#ring.slice(this.#next), ...this.#ring.slice(0, this.#next)] : this.#ring;
  }

  /** Oldest first, with the time as ISO text; page assets only when the filter includes them. */
  recent(filter: RequestFilter = {}): Array<LogEntry & { time: string }> {
    return this.#ordered()
      .filter((e) => matches(e, filter))
      .map((e) => ({ ...e, time: new Date(e.at).toISOString() }));
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
