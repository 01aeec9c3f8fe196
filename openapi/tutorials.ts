// The request and response JSON of the vendor's tutorials, cut from their text exactly as published.
import { readFileSync } from "node:fs";
import { fromRoot } from "./root.ts";

export interface TutorialExample {
  name: "freeTrial" | "expandCapacity";
  file: string;
  /** The request body text, byte for byte as in the tutorial. */
  requestText: string;
  responseText: string;
}

const FILES = {
  freeTrial: "tutorial-free-trial.txt",
  expandCapacity: "tutorial-expand-capacity-or-subscribe-services.txt",
} as const;

/** The balanced {...} block that starts at or after `from`. */
function jsonBlock(text: string, from: number): { json: string; end: number } {
  const start = text.indexOf("{", from);
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return { json: text.slice(start, i + 1), end: i + 1 };
  }
  throw new Error("unbalanced JSON in tutorial");
}

export function tutorialExamples(): TutorialExample[] {
  return (Object.keys(FILES) as Array<keyof typeof FILES>).map((name) => {
    const text = readFileSync(fromRoot("openapi", "sources", FILES[name]), "utf8");
    const request = jsonBlock(text, text.indexOf("POST /order/openapi/order/v1/save HTTP/1.1"));
    const response = jsonBlock(text, text.indexOf("The sample response is shown below", request.end));
    return { name, file: FILES[name], requestText: request.json, responseText: response.json };
  });
}
