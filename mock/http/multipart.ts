// multipart/form-data as RFC 7578 has it: parts split on the boundary, each with a Content-Disposition whose
// name may be a quoted string or a bare token (`name=grant_type`, as .NET's MultipartFormDataContent sends).
// undici's parser refuses the bare form (nodejs/undici#4660), so the mock reads the parts itself.
const BOUNDARY = /boundary=(?:"([^"]+)"|([^;\s]+))/i;
const NAME = /;\s*name\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i;

export class MultipartError extends Error {}

/** The parts as [name, value] pairs in order (repeats kept: the caller decides about them). */
export function parseMultipart(contentType: string, raw: Buffer): Array<[string, string]> {
  const m = BOUNDARY.exec(contentType);
  if (!m) throw new MultipartError("Content-Type has no boundary");
  const delimiter = `--${m[1] ?? m[2]}`;
  const text = raw.toString("latin1"); // byte-preserving; values are decoded as UTF-8 below
  const sections = text.split(delimiter);
  if (sections.length < 3 || !sections.at(-1)!.startsWith("--")) throw new MultipartError("has no closing boundary");
  const out: Array<[string, string]> = [];
  for (const section of sections.slice(1, -1)) {
    const part = section.replace(/^\r?\n/, "");
    const split = /\r?\n\r?\n/.exec(part);
    if (!split) throw new MultipartError("a part has no blank line after its headers");
    const headers = part.slice(0, split.index);
    const body = part.slice(split.index + split[0].length).replace(/\r?\n$/, "");
    const disposition = headers.split(/\r?\n/).find((h) => /^content-disposition\s*:/i.test(h));
    if (!disposition || !/:\s*form-data\b/i.test(disposition))
      throw new MultipartError("a part lacks Content-Disposition: form-data");
    const name = NAME.exec(disposition);
    if (!name) throw new MultipartError("a part has no name");
    const key = name[1] !== undefined ? name[1].replace(/\\(.)/g, "$1") : name[2]!;
    out.push([Buffer.from(key, "latin1").toString("utf8"), Buffer.from(body, "latin1").toString("utf8")]);
  }
  return out;
}
