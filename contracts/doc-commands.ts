// The shell commands the README and docs/ give a reader: the lines of ```sh blocks and inline `npm ...` /
// `npx ...` code. commands.test.ts checks that each one is run by a test (or says why not).
import { readdirSync, readFileSync } from "node:fs";
import { fromRoot } from "../openapi/root.ts";

export const DOC_FILES = ["README.md", ...readdirSync(fromRoot("docs")).map((f) => `docs/${f}`)].filter((f) =>
  f.endsWith(".md"),
);

export const readDoc = (file: string) => readFileSync(fromRoot(file), "utf8");

/** The ```sh blocks of a document, each as its text. */
export function shellBlocks(text: string): string[] {
  return [...text.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
}

/** A command's key: its program and leading words, env assignments and options dropped (`npm run contracts`). */
export function commandKey(line: string): string | undefined {
  const words = line.trim().split(/\s+/);
  while (words.length && /^[A-Z_]+=/.test(words[0]!)) words.shift();
  if (!["npm", "npx", "curl"].includes(words[0] ?? "")) return undefined;
  if (words[0] === "curl") return "curl";
  const key: string[] = [];
  for (const w of words) {
    if (!/^[a-z][\w:.-]*$/.test(w) || key.length === 3) break;
    key.push(w);
  }
  return key.join(" ");
}

/** Every command key a document gives, from its shell blocks and its inline code. */
export function documentedCommands(text: string): Set<string> {
  const keys = new Set<string>();
  for (const block of shellBlocks(text))
    for (const line of block.replace(/\\\n/g, " ").split("\n")) {
      // A line may hold several commands (`npm ci && npm start`, `TOKEN=$(curl ...)`).
      for (const part of line.replace(/#.*$/, "").split(/&&|\$\(|;|\|/)) {
        const key = commandKey(part);
        if (key) keys.add(key);
      }
    }
  // Inline code may wrap across lines in the source.
  for (const m of text.replace(/```[\s\S]*?```/g, "").matchAll(/`((?:[A-Z_]+=\S+\s+)*np[mx] [^`]+)`/g)) {
    const key = commandKey(m[1]!.replace(/\s+/g, " "));
    if (key) keys.add(key);
  }
  return keys;
}
