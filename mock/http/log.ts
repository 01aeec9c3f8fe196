// The request log: one line per request on stdout, and a ring buffer for the control API and UI.
// Only method, path, status, latency and requestId are kept: bodies, headers and tokens never are.
import type { components } from "../../openapi/generated/mock-control.ts";
/** One entry, as the control API's spec describes it (the time is formatted only when printed or read). */
export type LogEntry = Omit<components["schemas"]["LogEntry"], "time">;

const SENSITIVE = /secret|token|password|authorization/i;

/** The path with the values of sensitive query parameters replaced. */
export function redactPath(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of [...params.keys()]) if (SENSITIVE.test(key)) params.set(key, "[redacted]");
  return `${url.slice(0, q)}?${params.toString()}`;
}

export class RequestLog {
  readonly #ring: LogEntry[] = [];
  #next = 0;
  readonly #listeners = new Set<(e: LogEntry) => void>();
  constructor(
    private readonly quiet: boolean,
    private readonly out: (line: string) => void = (l) => process.stdout.write(l),
    private readonly size = 500,
  ) {}

  record(entry: LogEntry): void {
    // A ring: overwrite the oldest entry instead of shifting the array.
    if (this.#ring.length < this.size) this.#ring.push(entry);
    else this.#ring[this.#next] = entry;
    this.#next = (this.#next + 1) % this.size;
    for (const l of this.#listeners) l(entry);
    if (!this.quiet) {
      const time = new Date(entry.at).toISOString();
      this.out(`${time} ${entry.method} ${entry.path} ${entry.status} ${entry.ms.toFixed(1)}ms ${entry.requestId}\n`);
    }
  }

  /** Oldest first, with the time as ISO text. */
  recent(): Array<LogEntry & { time: string }> {
    const full = this.#ring.length === this.size;
    const ordered = full ? [...this.#ring.slice(this.#next), ...this.#ring.slice(0, this.#next)] : this.#ring;
    return ordered.map((e) => ({ ...e, time: new Date(e.at).toISOString() }));
  }

  /** Live-log subscribers right now. */
  get subscribers(): number {
    return this.#listeners.size;
  }

  subscribe(listener: (e: LogEntry) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
