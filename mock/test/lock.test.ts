// One owner per state file: a second mock on the same file is refused with one line naming its owner, the
// lock of a process that is gone is taken over, and the lock goes when its owner closes or exits.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readStateFile } from "../journal.ts";
import { newSecret } from "../domain/tokens.ts";
import { openDurableService } from "../state.ts";
import { runMock } from "./spawn.ts";

const dir = mkdtempSync(join(tmpdir(), "mock-lock-"));

/** The PID of a process that has exited (the kernel does not hand it out again at once). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", ""]);
  return r.pid!;
}

describe("one owner per state file", () => {
  it("a second mock on the same state file exits 1 with one line naming the file and the owner's PID", async () => {
    const file = join(dir, "shared.jsonl");
    const a = runMock(["--state-file", file, "--quiet"]);
    await a.ready;
    expect(readFileSync(`${file}.lock`, "utf8").trim()).toBe(String(a.proc.pid));
    const b = runMock(["--state-file", file, "--quiet"]);
    expect(await b.exited).toBe(1);
    const lines = b.err().trim().split("\n");
    expect(lines, b.err()).toHaveLength(1);
    expect(lines[0]).toContain(`cannot use state file ${file}: it is in use by another mock (PID ${a.proc.pid}`);
    // The owner kept serving, untouched.
    expect((await fetch(`${await a.ready}/__mock/health`)).status).toBe(200);
    expect(await a.stop()).toBe(0);
    expect(existsSync(`${file}.lock`)).toBe(false);
    // Released on exit: the next mock starts.
    const c = runMock(["--state-file", file, "--quiet"]);
    await c.ready;
    expect(c.err()).not.toContain("took over");
    await c.stop();
  });

  it("takes over the lock of a mock killed with SIGKILL, with a warning", async () => {
    const file = join(dir, "killed.jsonl");
    const a = runMock(["--state-file", file, "--quiet"]);
    await a.ready;
    a.proc.kill("SIGKILL");
    await a.exited;
    expect(readFileSync(`${file}.lock`, "utf8").trim()).toBe(String(a.proc.pid));
    const b = runMock(["--state-file", file, "--quiet"]);
    await b.ready;
    expect(b.err()).toContain(`took over the lock of ${file} from PID ${a.proc.pid}, which is no longer running`);
    expect(readFileSync(`${file}.lock`, "utf8").trim()).toBe(String(b.proc.pid));
    await b.stop();
  });

  it("in one process: a stale lock (its PID gone) is taken over with a warning, and released on close", async () => {
    const file = join(dir, "stale.jsonl");
    const gone = deadPid();
    writeFileSync(`${file}.lock`, `${gone}\n`);
    const warnings: string[] = [];
    readStateFile(file, newSecret, (l) => warnings.push(l));
    expect(warnings).toEqual([`mock: took over the lock of ${file} from PID ${gone}, which is no longer running`]);
    expect(readFileSync(`${file}.lock`, "utf8").trim()).toBe(String(process.pid));
    const d = await openDurableService(file, { log: () => undefined });
    await d.journal.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("in one process: a lock held by a live process is refused, and the file is not read or changed", async () => {
    const file = join(dir, "live.jsonl");
    writeFileSync(file, "not a state file\n");
    // The parent of this test process is alive and is not this process.
    writeFileSync(`${file}.lock`, `${process.ppid}\n`);
    await expect(openDurableService(file, { log: () => undefined })).rejects.toThrow(
      `cannot use state file ${file}: it is in use by another mock (PID ${process.ppid}, lock file ${file}.lock)`,
    );
    expect(readFileSync(file, "utf8")).toBe("not a state file\n");
    expect(readFileSync(`${file}.lock`, "utf8")).toBe(`${process.ppid}\n`);
  });

  it("in one process: a second journal on an open state file is refused", async () => {
    const file = join(dir, "twice.jsonl");
    const a = await openDurableService(file, { log: () => undefined });
    await expect(openDurableService(file, { log: () => undefined })).rejects.toThrow(
      `cannot use state file ${file}: it is already open in this process`,
    );
    await a.journal.close();
    const b = await openDurableService(file, { log: () => undefined });
    await b.journal.close();
  });
});
