// The state file: an append-only journal of change records, one per line with a checksum, written with
// group commit (write + fdatasync) before an order is acknowledged. Replayed at start-up.
import { createHash } from "node:crypto";
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, truncateSync, writeSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import type { ChangeRecord } from "./domain/service.ts";

const FORMAT = "yeastar-partner-portal-mock-state";
const VERSION = 1;

export interface Header {
  t: "header";
  format: string;
  version: number;
  jwtSecret: string;
  createdAt: string;
}

export class StateFileError extends Error {
  override readonly name = "StateFileError";
}

const checksum = (json: string) => createHash("sha1").update(json).digest("hex").slice(0, 12);
const encode = (record: object) => {
  const json = JSON.stringify(record);
  return `${json}\t${checksum(json)}\n`;
};

function decode(path: string, line: string, n: number): unknown {
  const tab = line.lastIndexOf("\t");
  const json = tab < 0 ? "" : line.slice(0, tab);
  if (tab < 0 || checksum(json) !== line.slice(tab + 1))
    throw new StateFileError(
      `${path}: line ${n} is corrupt (checksum mismatch). The file was edited or damaged; restore a backup or delete it to start from the seed.`,
    );
  return JSON.parse(json);
}

export interface Replay {
  header: Header;
  records: ChangeRecord[];
  /** Set when a torn last line (a write cut short by a crash, never acknowledged) was dropped. */
  droppedTail?: number;
}

/** Reads and checks a state file; creates it (with a new header) when it does not exist. */
export function readStateFile(path: string, newSecret: () => string): Replay {
  if (!existsSync(path)) {
    const header: Header = {
      t: "header",
      format: FORMAT,
      version: VERSION,
      jwtSecret: newSecret(),
      createdAt: new Date().toISOString(),
    };
    const tmp = `${path}.tmp`;
    const fd = openSync(tmp, "w");
    writeSync(fd, encode(header));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path); // the file appears whole or not at all
    return { header, records: [] };
  }
  const text = readFileSync(path, "utf8");
  if (text.length === 0)
    throw new StateFileError(
      `${path} is empty: it is not a state file of this mock. Delete it to start from the seed.`,
    );
  const end = text.lastIndexOf("\n") + 1;
  const lines = text.slice(0, end).split("\n").slice(0, -1);
  const tail = text.length - end;
  if (lines.length === 0)
    throw new StateFileError(`${path} is truncated: it has no complete header line. Delete it to start from the seed.`);
  const header = decode(path, lines[0]!, 1) as Header;
  if (header.t !== "header" || header.format !== FORMAT)
    throw new StateFileError(`${path} is not a state file of this mock (no ${FORMAT} header).`);
  if (header.version !== VERSION)
    throw new StateFileError(`${path} has format version ${header.version}; this mock reads version ${VERSION}.`);
  const records = lines.slice(1).map((l, i) => decode(path, l, i + 2) as ChangeRecord);
  if (tail > 0) truncateSync(path, Buffer.byteLength(text.slice(0, end)));
  return tail > 0 ? { header, records, droppedTail: tail } : { header, records };
}

export class Journal {
  #pending: Array<{ line: string; done: (err?: Error) => void }> = [];
  #flushing = false;
  private constructor(private readonly fh: FileHandle) {}

  static async open(path: string): Promise<Journal> {
    return new Journal(await open(path, "a"));
  }

  /** Resolves once the record is on disk; records appended together share one fdatasync. */
  append(record: ChangeRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ line: encode(record), done: (err) => (err ? reject(err) : resolve()) });
      if (!this.#flushing) void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    while (this.#pending.length) {
      const batch = this.#pending.splice(0);
      try {
        await this.fh.write(batch.map((b) => b.line).join(""));
        await this.fh.datasync();
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.done(err as Error);
      }
    }
    this.#flushing = false;
  }

  async close(): Promise<void> {
    while (this.#flushing) await new Promise((r) => setTimeout(r, 5));
    await this.fh.close();
  }
}
