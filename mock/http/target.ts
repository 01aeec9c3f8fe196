// The request target as every router of the mock reads it (RFC 9112 3.2): the absolute form
// (`GET http://host:port/path`, which a server must accept) is read as its path, and a fragment, which a client
// never sends, is not part of the path or the query (as Express's parseurl read it).

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i;

export interface Target {
  path: string;
  /** The query without "?", "" when there is none. */
  search: string;
  /** The authority of an absolute-form target (host and port), else undefined. */
  authority: string | undefined;
}

export function requestTarget(url = "/"): Target {
  let rest = url;
  let authority: string | undefined;
  const abs = url.charCodeAt(0) === 0x2f ? null : ABSOLUTE.exec(url);
  if (abs) {
    authority = abs[1];
    rest = url.slice(abs[0].length) || "/";
  }
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf("?");
  return q < 0
    ? { path: rest, search: "", authority }
    : { path: rest.slice(0, q), search: rest.slice(q + 1), authority };
}
