// The package as a user gets it: npm pack, install the tarball into an empty project, and there use the client
// under plain node (ESM and require), type-check consumers with tsc (node16, node10, nodenext, bundler), run a
// Jest 30 project, run a flow against startMock and through the MSW handlers, and start and stop
// `npx partner-portal-mock`. Jest and ts-jest are this repository's (linked in); the kit comes from the tarball.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fromRoot } from "../openapi/root.ts";
import { JEST_PROJECT, TYPES_CONSUMER } from "./consumer-fixtures.ts";

const project = mkdtempSync(join(tmpdir(), "kit-consumer-"));
const npmEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NO_COLOR: "1",
  npm_config_audit: "false",
  npm_config_fund: "false",
};
// What vitest itself set for this run must not leak into the consumer's processes.
for (const k of Object.keys(npmEnv)) if (k.startsWith("npm_") && !k.startsWith("npm_config_")) delete npmEnv[k];
let tarball = "";
let packed: { filename: string; size: number; files: Array<{ path: string; size: number }> };
let installOutput = "";

const sh = (cmd: string, args: string[], cwd = project) =>
  execFileSync(cmd, args, { cwd, env: npmEnv, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const node = (file: string, source: string) => {
  writeFileSync(join(project, file), source);
  return sh(process.execPath, [file]);
};

/** A child process that does not block the test's thread, so several run at once. */
const run = (cmd: string, args: string[]) =>
  new Promise<{ status: number | null; output: string }>((resolve) => {
    let output = "";
    const proc = spawn(cmd, args, { cwd: project, env: npmEnv, stdio: ["ignore", "pipe", "pipe"] });
    proc.stdout.on("data", (d: Buffer) => (output += d.toString()));
    proc.stderr.on("data", (d: Buffer) => (output += d.toString()));
    proc.once("close", (status) => resolve({ status, output }));
  });
const writeFiles = (dir: string, files: Record<string, string>) => {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
};

beforeAll(() => {
  [packed] = JSON.parse(sh("npm", ["pack", "--json", "--pack-destination", project], fromRoot()));
  tarball = join(project, packed.filename);
  // The consumer has decided about msw's postinstall (declined), so any install-scripts warning would be ours.
  writeFiles(project, {
    "package.json": JSON.stringify({ name: "consumer", private: true, type: "module", allowScripts: { msw: false } }),
  });
  const install = spawnSync(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      tarball,
      "msw@2.15.0",
      "typescript@5.9",
      "@types/node@20",
    ],
    { cwd: project, env: npmEnv, encoding: "utf8" },
  );
  installOutput = install.stdout + install.stderr;
  if (install.status !== 0) throw new Error(installOutput);
  for (const dep of ["jest", "ts-jest", "@types/jest"])
    symlinkSync(fromRoot("node_modules", dep), join(project, "node_modules", dep), "dir");
}, 240_000);

describe("the packed kit, installed into an empty project", () => {
  it("ships only what a consumer needs, and a client-only install brings none of the mock's dependencies", () => {
    const files = sh("tar", ["-tzf", tarball]).split("\n");
    for (const f of ["dist/client/index.js", "dist/cjs/index.cjs", "dist/lib/mock.js", "dist/cjs/mock.cjs"])
      expect(files).toContain(`package/${f}`);
    expect(files).toContain("package/dist/mock.mjs");
    expect(files).toContain("package/openapi/partner-portal.yaml");
    expect(files).toContain("package/LICENSE");
    expect(readFileSync(join(project, "node_modules", "yeastar-partner-portal-kit", "LICENSE"), "utf8")).toMatch(
      /^MIT License\n\nCopyright \(c\) 2026 yeastar-partner-portal-kit contributors\n/,
    );
    expect(files.filter((f) => /\/(test|contracts|bench)\/|\.test\.ts$|node_modules/.test(f))).toEqual([]);
    for (const dep of ["express", "ajv", "swagger-ui-dist", "yaml", "light-my-request"])
      expect(existsSync(join(project, "node_modules", dep)), dep).toBe(false);
  });

  it("is small: at most 2 MB packed, the mock bundled once, a source map only for the client's own code", () => {
    expect(packed.size).toBeLessThanOrEqual(2_000_000);
    const big = packed.files.filter((f) => f.size > 500_000).map((f) => f.path);
    expect(big.sort()).toEqual(["dist/cjs/mock.cjs", "dist/swagger-ui/swagger-ui-bundle.js"]);
    expect(packed.files.filter((f) => f.path.endsWith(".map")).map((f) => f.path)).toEqual([
      "dist/client/index.js.map",
    ]);
  });

  it("installs on this Node without a warning (no install scripts of its own, no EBADENGINE)", () => {
    expect(process.versions.node).toMatch(/^\d+\./);
    expect(installOutput.split("\n").filter((l) => /warn|ERR/i.test(l))).toEqual([]);
    const pkg = JSON.parse(
      readFileSync(join(project, "node_modules", "yeastar-partner-portal-kit", "package.json"), "utf8"),
    );
    for (const script of ["preinstall", "install", "postinstall", "prepare"])
      expect(pkg.scripts).not.toHaveProperty(script);
  });

  it("imports every export under plain node, as ESM and through require(); /mock loads no msw", () => {
    const esm = node(
      "esm.mjs",
      `import * as kit from "yeastar-partner-portal-kit";
       console.log(Object.keys(kit).sort().join(","));
       console.log(kit.stringifyJson({ id: 3197218168379846218n }));`,
    );
    expect(esm).toContain("createPartnerPortalClient");
    expect(esm).toContain("PartnerPortalError");
    expect(esm).toContain('{"id":3197218168379846218}');
    const cjs = node(
      "cjs.cjs",
      `const kit = require("yeastar-partner-portal-kit");
       const mock = require("yeastar-partner-portal-kit/mock");
       const loadedMsw = Object.keys(require.cache).some((f) => f.includes("/node_modules/msw/"));
       const msw = require("yeastar-partner-portal-kit/msw");
       console.log(typeof kit.requestFreeTrial, typeof mock.startMock, typeof msw.partnerPortalHandlers, loadedMsw);`,
    );
    expect(cjs.trim()).toBe("function function function false");
  });

  it("runs a Jest 30 project (ts-jest preset, default config) that starts the mock and places an order", () => {
    const dir = join(project, "jest-project");
    writeFiles(dir, JEST_PROJECT);
    const jest = spawnSync(process.execPath, [join(project, "node_modules", "jest", "bin", "jest.js"), "--ci"], {
      cwd: dir,
      env: npmEnv,
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(jest.stderr, jest.stdout).toMatch(/Tests:\s+1 passed, 1 total/);
    expect(jest.status).toBe(0);
  }, 150_000);

  it("type-checks every export as CommonJS (node16, node10) and as ESM (nodenext, bundler)", async () => {
    const modes = [
      ["node16", "node16", "commonjs"],
      ["commonjs", "node10", "commonjs"],
      ["nodenext", "nodenext", "module"],
      ["esnext", "bundler", "module"],
    ];
    const results = modes.map(([module, resolution, type]) => {
      const dir = join(project, `types-${resolution}`);
      writeFiles(dir, {
        "package.json": JSON.stringify({ name: `types-${resolution}`, private: true, type }),
        // skipLibCheck as most projects have it (msw's own .d.ts fail under node16); the strict check is below.
        "tsconfig.json": JSON.stringify({
          compilerOptions: {
            strict: true,
            module,
            moduleResolution: resolution,
            target: "es2022",
            noEmit: true,
            skipLibCheck: true,
            types: ["node"],
          },
          files: ["consumer.ts"],
        }),
        "consumer.ts": TYPES_CONSUMER,
      });
      return run(process.execPath, [join(project, "node_modules", "typescript", "bin", "tsc"), "-p", dir]);
    });
    // Each fails on a type error, and on an unused @ts-expect-error (Pick still exported, a misspelt code accepted).
    expect(await Promise.all(results)).toEqual(modes.map(() => ({ status: 0, output: "" })));
  }, 240_000);

  it("type-checks a consumer with tsc (strict, nodenext), where a 19-digit ID as a number is a type error", () => {
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          noEmit: true,
          types: ["node"],
        },
        files: ["consumer.ts"],
      }),
    );
    writeFileSync(
      join(project, "consumer.ts"),
      `import { createPartnerPortalClient, subscribeService, type OrderResult } from "yeastar-partner-portal-kit";
import { startMock, type MockHandle } from "yeastar-partner-portal-kit/mock";
import { partnerPortalHandlers } from "yeastar-partner-portal-kit/msw";
export async function run(mock: MockHandle): Promise<OrderResult> {
  const client = createPartnerPortalClient({ baseUrl: mock.url, clientId: mock.clientId, clientSecret: mock.clientSecret });
  // @ts-expect-error a 19-digit ID as a plain number would be rounded: only bigint or string is allowed
  await subscribeService(client, { plan: { id: 3048941892189077504 }, service: { name: "Ultimate Plan" }, quantity: 1 });
  return subscribeService(client, { plan: { id: 3048941892189077504n }, service: { name: "Ultimate Plan" }, quantity: 1 });
}
export const handlers = partnerPortalHandlers({ baseUrl: "https://example.test" });
export const started: Promise<MockHandle> = startMock({ port: 0 });
`,
    );
    // Fails on any type error, and on an unused @ts-expect-error (if the number were accepted).
    sh(process.execPath, [join(project, "node_modules", "typescript", "bin", "tsc"), "-p", "."]);
  }, 180_000);

  it("runs a flow against startMock, and the process exits by itself after close()", () => {
    const out = node(
      "flow.mjs",
      `import { createPartnerPortalClient, subscribeService } from "yeastar-partner-portal-kit";
       import { startMock } from "yeastar-partner-portal-kit/mock";
       const mock = await startMock({ port: 0 });
       const client = createPartnerPortalClient({ baseUrl: mock.url, clientId: mock.clientId, clientSecret: mock.clientSecret });
       const order = await subscribeService(client, { plan: { name: "P-Series Turnkey Package" }, service: { name: "Ultimate Plan" }, quantity: 3 });
       await mock.injectFault({ kind: "error", status: 503, operationId: "listOrders" });
       const refused = await client.listOrders().catch((e) => e.code);
       console.log(order.orderNo, order.instanceId, refused);
       await mock.close();`,
    );
    expect(out.trim()).toBe("GQ3401181709772259328 1948832 service_unavailable");
  }, 30_000);

  it("runs a flow through the MSW handlers at the vendor's URL, with exact IDs", () => {
    const out = node(
      "msw-flow.mjs",
      `import { setupServer } from "msw/node";
       import { createPartnerPortalClient, subscribeService } from "yeastar-partner-portal-kit";
       import { partnerPortalHandlers } from "yeastar-partner-portal-kit/msw";
       const server = setupServer(...partnerPortalHandlers());
       server.listen({ onUnhandledRequest: "error" });
       const client = createPartnerPortalClient({ baseUrl: "https://openapi.partner.yeastar.com", clientId: "demo-client-id", clientSecret: "demo-client-secret" });
       const order = await subscribeService(client, { plan: { name: "P-Series Turnkey Package" }, service: { name: "Ultimate Plan" }, quantity: 2, billingContact: { billingContactId: "3197218168379846219" } });
       const detail = await client.getOrder(order.orderNo);
       console.log(order.orderNo, detail.billingInformation.billingContactId);
       server.close();`,
    );
    expect(out.trim()).toBe("GQ3401181709772259328 3197218168379846219");
  }, 30_000);

  it("npx partner-portal-mock starts, answers, and stops within 2 s of a SIGTERM to the npx process", async () => {
    const proc = spawn("npx", ["partner-portal-mock", "--port", "0", "--quiet"], {
      cwd: project,
      env: npmEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
    proc.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const base = await new Promise<string>((resolve, reject) => {
      proc.stdout.on("data", () => {
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      proc.once("exit", () => reject(new Error(out)));
    });
    expect(out).toContain(`page                ${base}/__mock/ui/`);
    expect(out).toContain(`API reference       ${base}/docs/`);
    expect((await fetch(`${base}/__mock/health`)).status).toBe(200);
    const docs = await fetch(`${base}/docs/assets/swagger-ui-bundle.js`);
    expect(docs.status).toBe(200);
    proc.kill("SIGTERM");
    await new Promise((r) => proc.once("exit", r));
    // npm passed the signal to a shell only; the mock must notice on its own that it was left behind.
    await expect
      .poll(
        () =>
          fetch(`${base}/__mock/health`).then(
            () => "serving",
            () => "stopped",
          ),
        { timeout: 2000, interval: 100 },
      )
      .toBe("stopped");
  }, 30_000);

  it("the package.json a consumer sees has no install-time dependency on the mock's stack", () => {
    const pkg = JSON.parse(
      readFileSync(join(project, "node_modules", "yeastar-partner-portal-kit", "package.json"), "utf8"),
    );
    expect(Object.keys(pkg.dependencies).sort()).toEqual(["lossless-json", "openapi-fetch"]);
    expect(pkg.bin).toEqual({ "partner-portal-mock": "dist/mock.mjs" });
  });
});
