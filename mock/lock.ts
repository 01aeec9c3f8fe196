// One owner per state file: a lock file beside it (FILE.lock) holding the owner's PID. It is created whole
// (written under another name, then hard-linked into place, which fails if it exists), so a reader never sees
// it half-written. The lock of a process that is gone is taken over, under a second lock (FILE.lock.takeover)
// so that two mocks taking over at once cannot both win.
import { closeSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { resolve } from "node:path";

/** Lock paths this process holds. */
const held = new Set<string>();
let exitHook = false;

export class LockError extends Error {
  override readonly name = "LockError";
}

const lockPath = (file: string) => `${resolve(file)}.lock`;

/** True when a process of that PID exists (EPERM: it exists, under another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The PID a lock file names; undefined when it is gone, NaN when it names none (damaged). */
function ownerOf(lock: string): number | undefined {
  try {
    const text = readFileSync(lock, "utf8").trim();
    return /^\d+$/.test(text) ? Number(text) : NaN;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/** Writes our PID to a private file and links it to `target` (replace: renames it over). */
function placePid(target: string, replace: boolean): boolean {
  const tmp = `${target}.${process.pid}`;
  writeFileSync(tmp, `${process.pid}\n`, { mode: 0o600 });
  try {
    if (replace) renameSync(tmp, target);
    else linkSync(tmp, target);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (replace || !["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"].includes(code ?? "")) throw err;
    return createExclusive(target); // no hard links on this file system
  } finally {
    if (!replace) unlinkSync(tmp);
  }
}

function createExclusive(target: string): boolean {
  let fd: number;
  try {
    fd = openSync(target, "wx", 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** A lock is stale when its process is gone, or names this process without this process holding it. */
const stale = (lock: string, pid: number) =>
  Number.isNaN(pid) || !alive(pid) || (pid === process.pid && !held.has(lock));

/** Replaces a stale lock with ours, under the takeover lock. False: someone else changed it meanwhile. */
function takeOver(lock: string, was: number): boolean {
  const guard = `${lock}.takeover`;
  try {
    closeSync(openSync(guard, "wx", 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return false;
  }
  try {
    const now = ownerOf(lock);
    if (now !== was && !(Number.isNaN(now) && Number.isNaN(was))) return false;
    return placePid(lock, true);
  } finally {
    unlinkSync(guard);
  }
}

/**
 * Takes the lock of a state file for this process, or throws LockError naming the file and its owner. A lock
 * this process already holds is fine (the file is read, then opened, by one owner). `warn` hears a takeover.
 */
export function lockStateFile(file: string, warn: (line: string) => void): void {
  try {
    takeLock(file, warn);
  } catch (err) {
    if (err instanceof LockError) throw err;
    // The lock file could not be made: the state file's own fault (unreadable, ...) is the better reason.
    try {
      closeSync(openSync(file, "r"));
    } catch (own) {
      if ((own as NodeJS.ErrnoException).code !== "ENOENT") throw own;
    }
    throw err;
  }
}

function takeLock(file: string, warn: (line: string) => void): void {
  const lock = lockPath(file);
  if (held.has(lock)) return;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (placePid(lock, false)) return hold(lock);
    const pid = ownerOf(lock);
    if (pid === undefined) continue; // released meanwhile: try again
    if (!stale(lock, pid))
      throw new LockError(
        `it is in use by another mock (PID ${pid}, lock file ${lock}); stop that one or choose another --state-file (delete the lock file only if PID ${pid} is no mock)`,
      );
    if (takeOver(lock, pid)) {
      warn(
        `mock: took over the lock of ${file} from ${Number.isNaN(pid) ? "an unreadable lock file" : `PID ${pid}, which is no longer running`}`,
      );
      return hold(lock);
    }
  }
  throw new LockError(
    `its lock file ${lock} keeps changing: another mock is starting on it (if none is, delete ${lock}.takeover)`,
  );
}

function hold(lock: string): void {
  held.add(lock);
  if (!exitHook) {
    exitHook = true;
    // A normal exit releases every lock (a crash leaves it to be taken over).
    process.once("exit", () => {
      for (const l of held) release(l);
    });
  }
}

function release(lock: string): void {
  held.delete(lock);
  try {
    if (ownerOf(lock) === process.pid) unlinkSync(lock);
  } catch {
    // Gone already, or its folder is: nothing to release.
  }
}

export const holdsStateFile = (file: string) => held.has(lockPath(file));

/** Releases this process's lock of a state file (no-op when it holds none). */
export function unlockStateFile(file: string): void {
  const lock = lockPath(file);
  if (held.has(lock)) release(lock);
}
