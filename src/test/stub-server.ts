// A stub fetch that records raw requests and answers with raw JSON text (never through JSON.parse).
export interface Recorded {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

export type Responder = (req: Recorded) => { status?: number; body: string };

/** How the stub answers errors: with their status (mirror), or as HTTP 200 with the status only in the envelope,
 * the form the vendor documents. The client's tests run in both modes. */
export const stubMode: { errorHttpStatus: "mirror" | 200 } = { errorHttpStatus: "mirror" };

export function stubFetch(respond: Responder) {
  const calls: Recorded[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const rec: Recorded = {
      method: request.method,
      path: url.pathname + url.search,
      headers: request.headers,
      body: await request.text(),
    };
    calls.push(rec);
    const { status = 200, body } = respond(rec);
    const http = stubMode.errorHttpStatus === 200 ? 200 : status;
    return new Response(body, { status: http, headers: { "content-type": "application/json" } });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

export const envelope = (result: string, code = "success", status = 200, detail = "") =>
  `{"code":"${code}","detailMessage":"${detail}","requestId":"0123456789abcdef0123456789abcdef","result":${result},"status":${status}}`;

export const tokenBody = (n: number, expiresIn = "1800") =>
  envelope(`{"expiresIn":"${expiresIn}","refreshToken":"refresh-${n}","token":"access-${n}","tokenHead":"Bearer "}`);
