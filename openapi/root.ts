// The project root, found from this module upwards, so paths hold both in source and in the dist bundle.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "openapi", "partner-portal.yaml"))) return dir;
    if (dirname(dir) === dir)
      throw new Error(`cannot find the project root (openapi/partner-portal.yaml) above ${from}`);
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const fromRoot = (...parts: string[]) => join(ROOT, ...parts);
