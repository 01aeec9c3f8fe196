// The state file: a header, then change records, one per line with a checksum. Appends are group-committed
// (write + fdatasync) and a change is acknowledged only after its fdatasync. Fail-stop: after a failed or
// short write or a failed fdatasync the journal accepts nothing more. Past a size threshold it is compacted:
// the whole state is written as one snapshot record into a fresh file that atomically replaces the old one.
import { createHash } from "node:crypto";
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, truncateSync, writeSync } from "node:fs";
import { open, rename } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { ChangeRecord, ChangeSink } from "./domain/service.ts";
import { holdsStateFile, lockStateFile, unlockStateFile } from "./lock.ts";

const FORMAT = "yeastar-partner-portal-mock-state";
const VERSION = 1;
/** The state file holds client secrets and the token-signing key: only its owner may read it. */
const MODE = 0o600;
/** Compact once the records since the last snapshot exceed this many bytes, and the snapshot's size. */
export const DEFAULT_COMPACT_BYTES = 64 * 2 ** 20;

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

/** The one line a user sees when the state file cannot be used: the path and the reason, no stack. */
export function stateFileError(path: string, err: unknown): StateFileError {
  if (err instanceof StateFileError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const reason =
    {
      ENOENT: "its folder does not exist",
      ENOTDIR: "a part of its path is not a folder",
      EACCES: "permission denied",
      EPERM: "permission denied",
      EROFS: "the file system is read-only",
      EISDIR: "it is a folder, not a file",
      ENOSPC: "no space left on the device",
    }[code ?? ""] ?? (err as Error).message;
  return new StateFileError(`cannot use state file ${path}: ${reason}`);
}

const checksum = (json: string) => createHash("sha1").update(json).digest("hex").slice(0, 12);
export const encode = (record: object) => {
  const json = JSON.stringify(record);
  return `${json}\t${checksum(json)}\n`;
};

/** A line's record, or undefined when its checksum does not match. */
function decode(line: string): unknown {
  const tab = line.lastIndexOf("\t");
  const json = tab < 0 ? "" : line.slice(0, tab);
  if (tab < 0 || checksum(json) !== line.slice(tab + 1)) return undefined;
  return JSON.parse(json);
}

/** fsync of a folder, so that a file created or renamed in it survives a power loss. */
export function syncDir(path: string): void {
  const fd = openSync(dirname(path), "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface Replay {
  header: Header;
  records: ChangeRecord[];
  /** Set when a torn last record (a write cut short by a crash, never acknowledged) was cut off. */
  droppedTail?: number;
}

function newHeader(newSecret: () => string): Header {
  return { t: "header", format: FORMAT, version: VERSION, jwtSecret: newSecret(), createdAt: new Date().toISOString() };
}

/** Writes `text` to a fresh file that replaces `path` whole or not at all, then makes the rename durable. */
function replaceFileSync(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, "w", MODE);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  syncDir(path);
}

const stderrLine = (l: string) => void process.stderr.write(`${l}\n`);

/**
 * Takes the state file's lock (one owner per file: a second mock is refused, naming the owner), then reads and
 * checks it; creates it (with a new header) when it does not exist. The lock is released when the journal
 * closes, or when the process exits.
 */
export function readStateFile(
  path: string,
  newSecret: () => string,
  warn: (line: string) => void = stderrLine,
): Replay {
  try {
    const had = holdsStateFile(path);
    lockStateFile(path, warn);
    try {
      return readOrCreate(path, newSecret);
    } catch (err) {
      if (!had) unlockStateFile(path);
      throw err;
    }
  } catch (err) {
    throw stateFileError(path, err);
  }
}

function readOrCreate(path: string, newSecret: () => string): Replay {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    const header = newHeader(newSecret);
    replaceFileSync(path, encode(header));
    return { header, records: [] };
  }
  if (text.length === 0)
    throw new StateFileError(
      `${path} is empty: it is not a state file of this mock. Delete it to start from the seed.`,
    );
  const lines = text.split("\n");
  // A torn tail: the part after the last newline, or a last line whose checksum fails (a crash mid-write).
  let keep = lines.length - 1;
  if (keep > 1 && decode(lines[keep - 1]!) === undefined) keep--;
  const goodBytes = Buffer.byteLength(lines.slice(0, keep).join("\n")) + (keep > 0 ? 1 : 0);
  if (keep === 0)
    throw new StateFileError(`${path} is truncated: it has no complete header line. Delete it to start from the seed.`);
  const header = decode(lines[0]!) as Header | undefined;
  if (!header || header.t !== "header" || header.format !== FORMAT)
    throw new StateFileError(`${path} is not a state file of this mock (no valid ${FORMAT} header on line 1).`);
  if (header.version !== VERSION)
    throw new StateFileError(`${path} has format version ${header.version}; this mock reads version ${VERSION}.`);
  const records = lines.slice(1, keep).map((l, i) => {
    const r = decode(l);
    if (r === undefined)
      throw new StateFileError(
        `${path}: line ${i + 2} is corrupt (checksum mismatch). The file was edited or damaged; restore a backup or delete it to start from the seed.`,
      );
    return r as ChangeRecord;
  });
  const dropped = Buffer.byteLength(text) - goodBytes;
  if (dropped > 0) truncateSync(path, goodBytes);
  return dropped > 0 ? { header, records, droppedTail: dropped } : { header, records };
}

/** What the journal needs of an open file: a FileHandle, or a stand-in that fails or stalls in tests. */
export interface JournalFile {
  write(text: string): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  close(): Promise<void>;
}

export interface JournalOptions {
  /** The whole state as one record, for compaction; without it the journal is never compacted. */
  snapshot?: () => ChangeRecord;
  compactBytes?: number;
  /** Where the journal reports a failure or a compaction (default stderr). */
  log?: (line: string) => void;
}

/** State files with an open journal in this process: a second journal on one of them is refused. */
const openHere = new Set<string>();

export class JournalFailed extends Error {
  override readonly name = "JournalFailed";
}

export class Journal implements ChangeSink {
  #pending: Array<{ line: string; done: (err?: Error) => void }> = [];
  #flushing?: Promise<void>;
  #failure?: string;
  /** Changes acknowledged (written and synced) since the file was opened. */
  #acknowledged = 0;
  /** Bytes of records since the last snapshot, and of the snapshot itself. */
  #tail = 0;
  #base: number;
  readonly #log: (line: string) => void;

  constructor(
    private file: JournalFile,
    private readonly path: string,
    private readonly header: Header,
    private readonly options: JournalOptions = {},
    sizeNow = 0,
  ) {
    this.#log = options.log ?? ((l) => process.stderr.write(`${l}\n`));
    this.#base = sizeNow;
  }

  /** Opens a state file (already read by readStateFile) for appending. */
  static async open(path: string, header: Header, options: JournalOptions = {}): Promise<Journal> {
    const key = resolve(path);
    try {
      if (openHere.has(key)) throw new Error("it is already open in this process");
      lockStateFile(path, options.log ?? stderrLine);
      const fh = await open(path, "a", MODE);
      const { size } = await fh.stat();
      openHere.add(key);
      return new Journal(fh, path, header, options, size);
    } catch (err) {
      if (!openHere.has(key)) unlockStateFile(path);
      throw stateFileError(path, err);
    }
  }

  get failure(): string | undefined {
    return this.#failure;
  }

  /** Resolves once the record is on disk; records appended together share one fdatasync. */
  append(record: ChangeRecord): Promise<void> {
    if (this.#failure) return Promise.reject(new JournalFailed(this.#failure));
    const line = encode(record); // now: the record must be written as it is at this moment
    return new Promise((resolve, reject) => {
      this.#pending.push({ line, done: (err) => (err ? reject(err) : resolve()) });
      this.#flushing ??= this.#flush().finally(() => (this.#flushing = undefined));
    });
  }

  async #flush(): Promise<void> {
    while (this.#pending.length && !this.#failure) {
      const batch = this.#pending.splice(0);
      const text = batch.map((b) => b.line).join("");
      const bytes = Buffer.byteLength(text);
      try {
        const { bytesWritten } = await this.file.write(text);
        if (bytesWritten !== bytes) throw new Error(`short write: ${bytesWritten} of ${bytes} bytes`);
        await this.file.datasync();
      } catch (err) {
        this.#fail(err, batch);
        return;
      }
      this.#tail += bytes;
      this.#acknowledged += batch.length;
      for (const b of batch) b.done();
      if (
        this.options.snapshot &&
        this.#tail > Math.max(this.options.compactBytes ?? DEFAULT_COMPACT_BYTES, this.#base)
      )
        await this.#compact(this.options.snapshot);
    }
  }

  /**
   * Writes header + snapshot to a fresh file, syncs it, renames it over the state file and syncs the folder.
   * Records appended but not yet written are part of the snapshot (their change is already applied), so they
   * are taken off the queue here and acknowledged once the new file is durable.
   */
  async #compact(snapshot: () => ChangeRecord): Promise<void> {
    const covered = this.#pending.splice(0);
    const text = encode(this.header) + encode(snapshot());
    const tmp = `${this.path}.compact`;
    try {
      const fh = await open(tmp, "w", MODE);
      const { bytesWritten } = await fh.write(text);
      if (bytesWritten !== Buffer.byteLength(text)) throw new Error("short write while compacting");
      await fh.datasync();
      await rename(tmp, this.path);
      syncDir(this.path);
      const old = this.file;
      this.file = fh;
      await old.close();
    } catch (err) {
      this.#fail(err, covered);
      return;
    }
    this.#base = Buffer.byteLength(text);
    this.#tail = 0;
    for (const b of covered) b.done();
    this.#log(`mock: compacted ${this.path} to a snapshot of ${this.#base} bytes`);
  }

  /**
   * Fail-stop. The service fences itself on the rejection: every request answers 503 until a restart, so nothing
   * that was not made durable is seen. The line says exactly what the file holds.
   */
  #fail(err: unknown, batch: Array<{ done: (err?: Error) => void }>): void {
    this.#failure = (err as Error).message;
    const waiting = this.#pending.splice(0);
    this.#log(
      `mock: the state file ${this.path} could not be written (${this.#failure}); no change is accepted any more ` +
        `(503 service_unavailable), and no read is answered either. Kept: the ${this.#acknowledged} ` +
        `changes acknowledged since it was opened, synced through byte ${this.#base + this.#tail}. Not acknowledged ` +
        `(answered 503): the ${batch.length} being written and the ${waiting.length} waiting; on restart, any of them ` +
        `that reached the file whole is replayed, a torn last line is cut off. Restart the mock once the cause is fixed.`,
    );
    const e = new JournalFailed(this.#failure);
    for (const b of [...batch, ...waiting]) b.done(e);
  }

  async close(): Promise<void> {
    await this.#flushing;
    try {
      await this.file.close();
    } finally {
      if (openHere.delete(resolve(this.path))) unlockStateFile(this.path);
    }
  }
}
