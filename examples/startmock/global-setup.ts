// vitest globalSetup: one mock for the whole run, its URL and credentials handed to the tests.
import type { TestProject } from "vitest/node";
import { startMock, type MockHandle } from "yeastar-partner-portal-kit/mock";

let mock: MockHandle;

export async function setup(project: TestProject) {
  mock = await startMock({ port: 0, quiet: true });
  project.provide("mock", { url: mock.url, clientId: mock.clientId, clientSecret: mock.clientSecret });
  console.log(`mock started at ${mock.url}`);
}

export async function teardown() {
  await mock.close();
  console.log("mock closed");
}

declare module "vitest" {
  export interface ProvidedContext {
    mock: { url: string; clientId: string; clientSecret: string };
  }
}
