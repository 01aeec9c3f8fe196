// Secrets out of what the request log keeps: query values and body fields whose names look like a secret or a
// token are replaced with [redacted]; everything else stays exactly as received (64-bit IDs included).
export const REDACTED = "[redacted]";
const SENSITIVE = /secret|token|password|authorization/i;

const decodeName = (s: string) => {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
};

/** The path with the values of sensitive query parameters replaced. */
export function redactPath(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  return `${url.slice(0, q)}?${redactForm(url.slice(q + 1), encodeURIComponent(REDACTED))}`;
}

/** key=value&... with sensitive values replaced by `marker`, the rest untouched (not re-encoded). */
function redactForm(text: string, marker = REDACTED): string {
  return text
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return SENSITIVE.test(decodeName(name)) ? `${name}=${marker}` : pair;
    })
    .join("&");
}

const SPACE = /\s*/y;

/** JSON text with the string values of sensitive keys replaced; a key is a string followed by a colon. */
function redactJson(text: string): string {
  let hide = false;
  return text.replace(/"(?:[^"\\]|\\.)*"(\s*:)?/g, (str: string, colon: string | undefined, at: number) => {
    if (colon === undefined) {
      const out = hide ? `"${REDACTED}"` : str;
      hide = false;
      return out;
    }
    // Only a string value is replaced: the next token after the colon must open one.
    SPACE.lastIndex = at + str.length;
    SPACE.exec(text);
    hide = text[SPACE.lastIndex] === '"' && SENSITIVE.test(str.slice(1, str.length - colon.length - 1));
    return str;
  });
}

/** multipart/form-data with the content of sensitive parts replaced. */
function redactMultipart(text: string): string {
  return text.replace(
    /(content-disposition:[^\r\n]*?;\s*name\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n)([\s\S]*?)(?=\r?\n--)/gi,
    (whole: string, head: string, quoted: string | undefined, bare: string | undefined) =>
      SENSITIVE.test(quoted ?? bare ?? "") ? `${head}${REDACTED}` : whole,
  );
}

/** A request body as the log keeps it, by its media type (as the pipeline matched it). */
export function redactBody(text: string, type: string): string {
  if (type === "application/json") return redactJson(text);
  if (type === "application/x-www-form-urlencoded") return redactForm(text);
  if (type === "multipart/form-data") return redactMultipart(text);
  return text;
}
