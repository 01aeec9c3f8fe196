// The journal with an injected file handle: no order is acknowledged before its fdatasync resolves, and a
// failed or short write or a failed fdatasync stops all changes (fail-stop, 503). Compaction, file mode,
// a reset racing an in-flight order, and 19-digit ID counters, on real files.
import { createServer, type Server } from "node:http";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseJson } from "../../openapi/json.ts";
import { createApp } from "../app.ts";
import { createService } from "../create.ts";
import { newSecret } from "../domain/tokens.ts";
import type { MockService } from "../domain/service.ts";
import { Journal, readStateFile, type Header, type JournalFile } from "../journal.ts";
import { openDurableService } from "../state.ts";
import { EXTENSIONS, expandBody, json, purchasePlanBody } from "./bodies.ts";

const dir = mkdtempSync(join(tmpdir(), "mock-journal-"));
const header: Header = { t: "header", format: "x", version: 1, jwtSecret: "k", createdAt: "" };
const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function serve(service: MockService) {
  const app = createApp(service, { quiet: true, strict: true });
  const server = createServer(app.handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = async (method: string, path: string, body?: string, token?: string) => {
    const headers: Record<string, string> = { "User-Agent": "journal-test", "Content-Type": "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    const r = await fetch(base + path, { method, headers, body: body ?? null });
    return {
      status: r.status,
      body: parseJson(await r.text()) as { code: string; detailMessage: string; result: any },
    };
  };
  const tok = await fetch(`${base}/auth/openapi/v1/oauth/token`, {
    method: "POST",
    headers: { "User-Agent": "journal-test", "Content-Type": "application/x-www-form-urlencoded" },
    body: "grant_type=pp_credentials&client_id=demo-client-id&client_secret=demo-client-secret",
  });
  const token = ((await tok.json()) as { result: { token: string } }).result.token;
  const order = (body = json(expandBody(1, EXTENSIONS))) => call("POST", "/order/openapi/order/v1/save", body, token);
  return { app, call, order, token };
}

/** A stand-in file: records what was written and lets the test decide when (and whether) each call ends. */
function fakeFile() {
  const events: string[] = [];
  let written = "";
  let gate: { promise: Promise<void>; release: () => void; fail: (e: Error) => void } | undefined;
  const hold = () => {
    let release!: () => void;
    let fail!: (e: Error) => void;
    const promise = new Promise<void>((res, rej) => ((release = res), (fail = rej)));
    gate = { promise, release, fail };
  };
  const file: JournalFile & { mode: "ok" | "hold-sync" | "fail-sync" | "fail-write" | "short-write" } = {
    mode: "ok",
    async write(text) {
      events.push("write");
      if (file.mode === "fail-write") throw Object.assign(new Error("EIO: i/o error, write"), { code: "EIO" });
      written += text;
      return { bytesWritten: file.mode === "short-write" ? Buffer.byteLength(text) - 3 : Buffer.byteLength(text) };
    },
    async datasync() {
      events.push("datasync:start");
      if (file.mode === "fail-sync") throw Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" });
      if (file.mode === "hold-sync") {
        hold();
        await gate!.promise;
      }
      events.push("datasync:done");
    },
    async close() {},
  };
  return { file, events, written: () => written, release: () => gate?.release() };
}

async function serviceWith(file: JournalFile, logs: string[] = []) {
  const service = createService({});
  await service.seedDemo();
  const journal = new Journal(file, join(dir, "fake.jsonl"), header, { log: (l) => logs.push(l) });
  service.setSink(journal);
  return { service, journal };
}

describe("journal with an injected file handle", () => {
  it("acknowledges no order before its fdatasync resolves", async () => {
    const f = fakeFile();
    const { service } = await serviceWith(f.file);
    const { order } = await serve(service);
    f.file.mode = "hold-sync";
    let answered = false;
    const pending = order().then((r) => ((answered = true), f.events.push("answered"), r));
    await expect.poll(() => f.events.includes("datasync:start")).toBe(true);
    // The record is written, its fdatasync has not resolved: the client must still be waiting.
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false);
    f.release();
    const r = await pending;
    expect(r.status).toBe(200);
    expect(f.events.indexOf("answered")).toBeGreaterThan(f.events.indexOf("datasync:done"));
    expect(f.written()).toContain(r.body.result.orderNo);
  });

  const what = { "fail-sync": "failed fdatasync", "fail-write": "failed write", "short-write": "short write" };
  for (const mode of ["fail-sync", "fail-write", "short-write"] as const) {
    it(`after a ${what[mode]}, refuses every change with 503 and says why once`, async () => {
      const f = fakeFile();
      const logs: string[] = [];
      const { service, journal } = await serviceWith(f.file, logs);
      const { order, call } = await serve(service);
      expect((await order()).status).toBe(200);
      f.file.mode = mode;
      const failed = await order();
      expect(failed.status).toBe(503);
      expect(failed.body.code).toBe("service_unavailable");
      expect(failed.body.detailMessage).toMatch(mode === "short-write" ? /short write/ : /EIO/);
      expect(journal.failure).toBeTruthy();
      // Later changes are refused before they are applied: the live state does not move.
      f.file.mode = "ok";
      const before = JSON.stringify(service.snapshot());
      expect((await order()).status).toBe(503);
      expect((await call("POST", "/__mock/reset", "{}")).status).toBe(503);
      expect((await call("POST", "/__mock/accounts", "{}")).status).toBe(503);
      expect(JSON.stringify(service.snapshot())).toBe(before);
      expect(logs).toHaveLength(1);
      expect(logs[0]).toMatch(/could not be written .*no change is accepted any more \(503 service_unavailable\)/);
      // It says what the file holds: the acknowledged changes, and the one being written that was not.
      expect(logs[0]).toMatch(/Kept: the \d+ changes acknowledged since it was opened, synced through byte \d+\./);
      expect(logs[0]).toContain("Not acknowledged (answered 503): the 1 being written and the 0 waiting");
    });
  }
});

describe("the state file on disk", () => {
  it("is created with mode 0600", async () => {
    const file = join(dir, "mode.jsonl");
    const d = await openDurableService(file, { log: () => undefined });
    await d.journal.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("cuts a torn last line (bad checksum or no newline) back to the last good record", async () => {
    const file = join(dir, "torn.jsonl");
    const a = await openDurableService(file);
    const { order } = await serve(a.service);
    expect((await order()).status).toBe(200);
    await a.journal.close();
    const good = readFileSync(file, "utf8");
    writeFileSync(file, `${good}{"t":"order","clientId":"demo"}\tdeadbeef0000\n`);
    const replay = readStateFile(file, newSecret);
    expect(replay.droppedTail).toBeGreaterThan(0);
    expect(readFileSync(file, "utf8")).toBe(good);
  });

  it("compacts past the threshold into one snapshot that replays to the same state, and stays bounded", async () => {
    const file = join(dir, "compact.jsonl");
    const logs: string[] = [];
    const a = await openDurableService(file, { compactBytes: 8192, log: (l) => logs.push(l) });
    const { order } = await serve(a.service);
    let max = 0;
    for (let i = 0; i < 120; i++) {
      expect((await order(json(i % 10 ? expandBody(1, EXTENSIONS) : purchasePlanBody()))).status).toBe(200);
      max = Math.max(max, statSync(file).size);
    }
    await a.journal.close();
    expect(logs.some((l) => /compacted .* to a snapshot/.test(l))).toBe(true);
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines[1]).toMatch(/^\{"t":"snapshot"/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((n) => n.startsWith("compact.jsonl."))).toEqual([]);
    // Bounded: never more than the snapshot plus the threshold plus one batch.
    const snapshotBytes = Buffer.byteLength(lines.slice(0, 2).join("\n"));
    expect(max).toBeLessThan(2 * Math.max(snapshotBytes, 8192) + 4096);
    const b = await openDurableService(file);
    expect(b.service.snapshot()).toEqual(a.service.snapshot());
    expect(b.service.account("demo-client-id")!.orders).toHaveLength(120);
    await b.journal.close();
  });
});

describe("a reset while an order is in flight", () => {
  it("refuses the order (409 account_changed) and changes nothing, live and after a restart", async () => {
    const file = join(dir, "race.jsonl");
    const a = await openDurableService(file);
    const { app, order, call } = await serve(a.service);
    app.faults.add({ kind: "latency", operationId: "createOrder", count: 1, latencyMs: 1500 });
    const inFlight = order();
    // The fault is taken once the order is authenticated and its body read: it is now sleeping.
    await expect.poll(() => app.faults.list().length).toBe(0);
    expect((await call("POST", "/__mock/reset", "{}")).status).toBe(200);
    const r = await inFlight;
    expect(r.status).toBe(409);
    expect(r.body.code).toBe("account_changed");
    expect(a.service.account("demo-client-id")!.orders).toEqual([]);
    await a.journal.close();
    const b = await openDurableService(file);
    expect(b.service.account("demo-client-id")!.orders).toEqual([]);
    expect(b.service.snapshot()).toEqual(a.service.snapshot());
    await b.journal.close();
  });
});

describe("ID counters", () => {
  it("never issue one ID twice after a seed with 19-digit instance IDs", async () => {
    const seed = JSON.parse(readFileSync(join(import.meta.dirname, "..", "seed", "default.json"), "utf8"));
    seed.account.instances[0].instanceId = "3076913644890832999";
    const seedPath = join(dir, "big-ids.json");
    writeFileSync(seedPath, JSON.stringify(seed));
    const service = createService({ seedPath });
    await service.seedDemo();
    const { order } = await serve(service);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await order(json(purchasePlanBody()))).body.result.instanceId as string);
    expect(ids).toEqual(["3076913644890833000", "3076913644890833001", "3076913644890833002"]);
  });
});
