// Request IDs: 32 hex characters as in the vendor's examples, unique per process: a random prefix and a counter.
import { randomBytes } from "node:crypto";

const prefix = randomBytes(8).toString("hex");
let counter = 0;

export function newRequestId(): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return prefix + counter.toString(16).padStart(16, "0");
}
