// The README's and docs/' commands, run as a user runs them: `npm start` in one shell, `npm run contracts` in
// another, `npm run contracts:prism`, `npm run dev`, the curl lines and the CI snippet under sh. The first test
// holds every other documented command to the test that runs it (or the reason none does).
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, describe, expect, it, vi } from "vitest";
import { fromRoot } from "../openapi/root.ts";
import { createMock } from "../mock/create.ts";
import { DOC_FILES, documentedCommands, readDoc, shellBlocks } from "./doc-commands.ts";
import { freePort } from "./prism.ts";
import { SLOW } from "../vitest.config.ts";

/** Where each documented command runs: a file that runs it (and the text that shows it does), or why none does. */
const EXERCISED: Record<string, { file: string; shows: string } | { notRun: string }> = {
  "npm ci": { file: ".ci/run", shows: "npm ci" },
  "npm test": { file: ".ci/run", shows: "npm test" },
  "npm run build": { file: "package.json", shows: '"test": "node scripts/parallel.mjs build,' },
  "npm start": { file: "contracts/commands.test.ts", shows: 'npm(["start"]' },
  "npm run contracts": { file: "contracts/commands.test.ts", shows: 'npm(["run", "contracts"]' },
  "npm run contracts:prism": { file: "contracts/commands.test.ts", shows: 'npm(["run", "contracts:prism"]' },
  "npm run dev": { file: "contracts/commands.test.ts", shows: 'npm(["run", "dev"' },
  curl: { file: "contracts/commands.test.ts", shows: "runBlock(" },
  "npm pack": { file: "test/package.test.ts", shows: "npm pack" },
  "npm install": { file: "test/package.test.ts", shows: '"install"' },
  "npx partner-portal-mock": { file: "test/package.test.ts", shows: "partner-portal-mock" },
  "npx vitest run": { file: "examples/examples.test.ts", shows: "examples/startmock/vitest.config.ts" },
  "npm run bench": { file: "bench/bench.test.ts", shows: 'fromRoot("bench", "run.ts")' },
  "npm run test:quick": { notRun: "it runs the suite inside the suite; a test below checks what it leaves out" },
  "npm run generate": { notRun: "it rewrites openapi/generated/; npm test runs the same generator as generate:check" },
  "npm run fidelity": { notRun: "it rewrites docs/fidelity.md; openapi/provenance.test.ts checks it is current" },
  "npm run format": { notRun: "it rewrites the tree; npm test runs its checking half (ESLint, prettier --check)" },
};

function npm(args: string[], env: Record<string, string> = {}) {
  // Detached: its own process group, so stopping it also stops what npm started.
  const proc = spawn("npm", args, {
    cwd: fromRoot(),
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once("exit", (c) => r(c)));
  return {
    proc,
    exited,
    out: () => out,
    kill: () => {
      try {
        process.kill(-proc.pid!, "SIGTERM");
      } catch {
        /* already gone */
      }
    },
  };
}

const started: Array<ReturnType<typeof npm>> = [];
afterAll(() => {
  for (const s of started) if (s.proc.exitCode === null && s.proc.signalCode === null) s.kill();
});

describe("documented commands", () => {
  it("every command in README.md and docs/*.md is run by a test, or says why not", () => {
    const documented = new Map<string, string[]>();
    for (const file of DOC_FILES)
      for (const key of documentedCommands(readDoc(file))) documented.set(key, [...(documented.get(key) ?? []), file]);
    const unexercised = [...documented].filter(([key]) => !EXERCISED[key]).map(([k, f]) => `${k} (${f.join(", ")})`);
    expect(unexercised, "commands the docs give that no test runs").toEqual([]);
    for (const [key, where] of Object.entries(EXERCISED)) {
      expect(documented.has(key), `${key} is listed here but no longer documented`).toBe(true);
      if ("file" in where) expect(readFileSync(fromRoot(where.file), "utf8"), key).toContain(where.shows);
    }
  });

  it("npm run test:quick leaves out exactly the files that start processes or pack, and nothing else", () => {
    const scripts = JSON.parse(readFileSync(fromRoot("package.json"), "utf8")).scripts;
    expect(scripts["test:quick"]).toBe("vitest run --project quick");
    for (const f of [
      "test/package.test.ts",
      "mock/test/ui.browser.test.ts",
      "mock/test/cli.test.ts",
      "bench/bench.test.ts",
    ])
      expect(SLOW).toContain(f);
    for (const f of ["mock/test/requests.test.ts", "src/test/client.test.ts", "mock/test/hostile.test.ts"])
      expect(SLOW).not.toContain(f);
  });
});

/** Runs a shell block with sh (dash here), after the given substitutions; resolves with its exit code and output. */
function runBlock(script: string, swaps: Array<[string | RegExp, string]>) {
  for (const [from, to] of swaps) script = script.replaceAll(from, to);
  const proc = spawn("sh", ["-c", script], { cwd: fromRoot(), stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise<{ code: number | null; out: string }>((r) => proc.once("exit", (code) => r({ code, out })));
}
const blockWith = (file: string, text: string) => shellBlocks(readDoc(file)).find((b) => b.includes(text))!;
const refused = (port: number) =>
  new Promise<boolean>((r) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), r(false))).once("error", () => r(true));
  });

describe("shell snippets", () => {
  it("the README's CI snippet works under sh: it waits for the mock, passes the tests' status on, stops the mock", async () => {
    expect(existsSync("/bin/sh")).toBe(true);
    const block = blockWith("README.md", "PID=$!");
    const port = await freePort();
    // In this repository the command is the built bundle (the package test runs the npx form where it is installed).
    const swaps = (tests: string): Array<[string, string]> => [
      ["npx partner-portal-mock", `"${process.execPath}" dist/mock.mjs`],
      ["127.0.0.1:4000", `127.0.0.1:${port}`],
      ["--port 4000", `--port ${port}`],
      ["npm test", tests],
    ];
    const health = `"${process.execPath}" -e "fetch(process.env.PARTNER_API_BASE_URL + '/__mock/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"`;
    const passed = await runBlock(block, swaps(health));
    expect(passed.code, passed.out).toBe(0);
    await vi.waitFor(async () => expect(await refused(port)).toBe(true), { timeout: 10_000 });
    const failed = await runBlock(block, swaps("sh -c 'exit 3'"));
    expect(failed.code, failed.out).toBe(3);
    await vi.waitFor(async () => expect(await refused(port)).toBe(true), { timeout: 10_000 });
  }, 60_000);

  it("the quick start's curl lines place the documented order, and the request log's curl finds it", async () => {
    const m = await createMock({ quiet: true });
    const server = createServer(m.handler);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const swap: Array<[string, string]> = [["127.0.0.1:4000", `127.0.0.1:${(server.address() as AddressInfo).port}`]];
    try {
      const order = await runBlock(blockWith("README.md", "TOKEN=$(curl"), swap);
      expect(order.code, order.out).toBe(0);
      expect(order.out).toContain('"code":"success"');
      expect(order.out).toContain('"orderNo":"GQ3401181709772259328"');
      for (const file of ["README.md", "docs/mock.md"]) {
        const log = await runBlock(blockWith(file, "/__mock/requests"), swap);
        expect(log.code, log.out).toBe(0);
        expect(log.out).toContain('\\"billingId\\":3197218168379846218');
        expect(log.out).toContain('"operationId":"createOrder"');
      }
    } finally {
      server.close();
    }
  });
});

describe("README commands", () => {
  it("npm start, then npm run contracts against it with the demo credentials", async () => {
    const port = await freePort();
    const mock = npm(["start"], { PORT: String(port) });
    started.push(mock);
    const deadline = Date.now() + 60_000;
    while (!mock.out().includes("listening on")) {
      if (mock.proc.exitCode !== null || Date.now() > deadline)
        throw new Error(`npm start did not come up:\n${mock.out()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(mock.out()).toContain(`listening on http://127.0.0.1:${port}`);
    const run = npm(["run", "contracts"], {
      PARTNER_API_BASE_URL: `http://127.0.0.1:${port}`,
      PARTNER_API_CLIENT_ID: "demo-client-id",
      PARTNER_API_CLIENT_SECRET: "demo-client-secret",
    });
    expect(await run.exited, run.out()).toBe(0);
    expect(run.out()).toContain("contract target: project mock at");
    expect(run.out()).toMatch(/Tests +\d+ passed/);
    expect(run.out()).not.toContain("demo-client-secret");
    mock.kill();
    await mock.exited;
    expect(mock.out()).toContain("stopping");
  }, 120_000);

  it("npm start uses the current build, and a SIGTERM to npm's own PID (what `npm start &` leaves in $!) stops the mock", async () => {
    const port = await freePort();
    const proc = spawn("npm", ["start", "--", "--quiet"], {
      cwd: fromRoot(),
      env: { ...process.env, NO_COLOR: "1", PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
    proc.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const t0 = performance.now();
    await vi.waitFor(() => expect(out).toContain("listening on"), { timeout: 30_000, interval: 20 });
    // Measured, not asserted (the README gives the figure): launch to the banner.
    console.log(`npm start: banner ${Math.round(performance.now() - t0)} ms after launch`);
    expect(out).not.toContain("building");
    const health = () =>
      fetch(`http://127.0.0.1:${port}/__mock/health`).then(
        () => "serving",
        () => "stopped",
      );
    expect(await health()).toBe("serving");
    proc.kill("SIGTERM"); // npm itself, not its process group
    await expect.poll(health, { timeout: 2000, interval: 100 }).toBe("stopped");
  }, 60_000);

  it("npm run contracts without a target says what to set", async () => {
    const run = npm(["run", "contracts"], {
      PARTNER_API_BASE_URL: "",
      PARTNER_API_CLIENT_ID: "",
      PARTNER_API_CLIENT_SECRET: "",
    });
    expect(await run.exited).not.toBe(0);
    expect(run.out()).toContain(
      "set PARTNER_API_BASE_URL, PARTNER_API_CLIENT_ID, PARTNER_API_CLIENT_SECRET in the environment",
    );
  }, 60_000);

  it("npm run dev serves the mock from source", async () => {
    const port = await freePort();
    const dev = npm(["run", "dev", "--", "--port", String(port), "--quiet"]);
    started.push(dev);
    await vi.waitFor(() => expect(dev.out()).toContain("listening on"), { timeout: 60_000, interval: 50 });
    const r = await fetch(`http://127.0.0.1:${port}/__mock/health`);
    expect(((await r.json()) as { result: { mock: string } }).result.mock).toBe("yeastar-partner-portal-mock");
    dev.kill();
    await dev.exited;
  }, 90_000);

  it("npm run contracts:prism", async () => {
    const run = npm(["run", "contracts:prism"]);
    expect(await run.exited, run.out()).toBe(0);
    expect(run.out()).toContain("contract target: Prism mock at");
  }, 120_000);
});
