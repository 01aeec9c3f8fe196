// --state-file: acknowledged orders survive a restart and a kill -9; a damaged file stops the start with a reason.
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseJson } from "../../openapi/json.ts";
import { runMock } from "./spawn.ts";
import { EXTENSIONS, expandBody, json, trialBody } from "./bodies.ts";

const dir = mkdtempSync(join(tmpdir(), "mock-state-"));
const UA = { "User-Agent": "OpenAPI" };

async function token(base: string): Promise<string> {
  const r = await fetch(`${base}/auth/openapi/v1/oauth/token`, {
    method: "POST",
    headers: { ...UA, "Content-Type": "application/x-www-form-urlencoded" },
    body: "grant_type=pp_credentials&client_id=demo-client-id&client_secret=demo-client-secret",
  });
  return ((await r.json()) as { result: { token: string } }).result.token;
}

const order = (base: string, t: string, body: string) =>
  fetch(`${base}/order/openapi/order/v1/save`, {
    method: "POST",
    headers: { ...UA, Authorization: `Bearer ${t}`, "Content-Type": "application/json" },
    body,
  });

async function orderIds(base: string, t: string): Promise<string[]> {
  const r = await fetch(`${base}/order/openapi/order/v1/page?pageSize=200`, {
    headers: { ...UA, Authorization: `Bearer ${t}` },
  });
  return (parseJson(await r.text()) as { result: { results: Array<{ id: string }> } }).result.results.map((o) => o.id);
}

describe("--state-file", () => {
  it("keeps orders, instances, the trial and the token key across a clean restart", async () => {
    const file = join(dir, "clean.jsonl");
    const a = runMock(["--state-file", file, "--quiet"]);
    const base = await a.ready;
    const t = await token(base);
    expect((await order(base, t, json(trialBody()))).status).toBe(200);
    const paid = (
      parseJson(await (await order(base, t, json(expandBody(9)))).text()) as { result: { orderId: string } }
    ).result.orderId;
    expect(await a.stop()).toBe(0);

    const b = runMock(["--state-file", file, "--quiet"]);
    const base2 = await b.ready;
    expect(b.out()).toMatch(/state +.*clean\.jsonl \(\d+ records replayed\)/);
    // The old access token still works: the signing key is kept in the file.
    expect(await orderIds(base2, t)).toEqual([paid]);
    expect((await order(base2, t, json(trialBody()))).status).toBe(409);
    // New IDs continue after the replayed ones.
    const next = (
      parseJson(await (await order(base2, t, json(expandBody(1, EXTENSIONS)))).text()) as {
        result: { orderId: string };
      }
    ).result.orderId;
    expect(Number(next)).toBe(Number(paid) + 1);
    await b.stop();
  });

  // What this proves: a record is written before its order is acknowledged, so a process crash loses nothing
  // acknowledged. It does not prove durability against power loss: SIGKILL keeps the page cache, so it passes
  // without fdatasync too. journal.test.ts proves the fdatasync ordering with an injected file handle.
  it("loses no acknowledged order when killed with SIGKILL mid-stream (write-before-acknowledge)", async () => {
    const file = join(dir, "killed.jsonl");
    const a = runMock(["--state-file", file, "--quiet"]);
    const base = await a.ready;
    const t = await token(base);
    const acked: string[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        try {
          const r = await order(base, t, json(expandBody(1, EXTENSIONS)));
          if (r.status === 200)
            acked.push((parseJson(await r.text()) as { result: { orderId: string } }).result.orderId);
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    while (acked.length < 200) await new Promise((r) => setTimeout(r, 5));
    a.proc.kill("SIGKILL");
    stop = true;
    await Promise.all(workers);
    await a.exited;

    const b = runMock(["--state-file", file, "--quiet"]);
    const base2 = await b.ready;
    const t2 = await token(base2);
    const all = new Set<string>();
    for (let page = 1; ; page++) {
      const r = await fetch(`${base2}/order/openapi/order/v1/page?pageSize=200&pageNo=${page}`, {
        headers: { ...UA, Authorization: `Bearer ${t2}` },
      });
      const ids = (parseJson(await r.text()) as { result: { results: Array<{ id: string }> } }).result.results.map(
        (o) => o.id,
      );
      if (!ids.length) break;
      ids.forEach((id) => all.add(id));
    }
    const missing = acked.filter((id) => !all.has(id));
    expect(missing).toEqual([]);
    expect(acked.length).toBeGreaterThanOrEqual(200);
    await b.stop();
  });

  it("drops a torn last record with a warning, and refuses a corrupt or foreign file", async () => {
    const file = join(dir, "torn.jsonl");
    const a = runMock(["--state-file", file, "--quiet"]);
    const base = await a.ready;
    await order(base, await token(base), json(expandBody(2)));
    await a.stop();
    const good = readFileSync(file, "utf8");
    appendFileSync(file, '{"t":"order","clientId":"demo-cl');
    const torn = runMock(["--state-file", file, "--quiet"]);
    await torn.ready;
    expect(torn.err()).toMatch(/dropped a torn last record of \d+ bytes/);
    await torn.stop();
    expect(readFileSync(file, "utf8")).toBe(good);

    const lines = good.split("\n");
    writeFileSync(
      file,
      [lines[0], lines[1]!.replace('"demo-client-id"', '"demo-client-xx"'), ...lines.slice(2)].join("\n"),
    );
    const corrupt = runMock(["--state-file", file]);
    expect(await corrupt.exited).toBe(1);
    expect(corrupt.err()).toMatch(/line 2 is corrupt \(checksum mismatch\)/);

    const foreign = join(dir, "foreign.json");
    writeFileSync(foreign, '{"hello": "world"}\n');
    const f = runMock(["--state-file", foreign]);
    expect(await f.exited).toBe(1);
    expect(f.err()).toMatch(/line 1 is corrupt|not a state file/);

    const empty = join(dir, "empty.jsonl");
    writeFileSync(empty, "");
    const e = runMock(["--state-file", empty]);
    expect(await e.exited).toBe(1);
    expect(e.err()).toContain("is empty: it is not a state file");
  });

  it("stops the start with one line naming the path and the reason: missing folder, a folder, unreadable, read-only", async () => {
    const folder = join(dir, "a-folder");
    mkdirSync(folder);
    const unreadable = join(dir, "unreadable.jsonl");
    writeFileSync(unreadable, "x\n");
    chmodSync(unreadable, 0o000);
    const cases: Array<[string, RegExp]> = [
      [join(dir, "no", "such", "folder", "state.jsonl"), /its folder does not exist/],
      [folder, /it is a folder, not a file/],
      // root reads any file despite its mode; a write-only kernel file is unreadable even for root.
      [process.getuid?.() === 0 ? "/proc/sys/vm/drop_caches" : unreadable, /permission denied/],
      ["/sys/state.jsonl", /permission denied|read-only/],
    ];
    for (const [path, reason] of cases) {
      const m = runMock(["--state-file", path]);
      expect(await m.exited, path).toBe(1);
      const lines = m.err().trim().split("\n");
      expect(lines, m.err()).toHaveLength(1);
      expect(lines[0]).toContain(`cannot use state file ${path}: `);
      expect(lines[0]).toMatch(reason);
      expect(m.err()).not.toMatch(/\n\s+at /);
    }
  });
});
