import { request } from "node:http";

export interface OnceResponse {
  status: number;
  text: string;
  json: () => any;
}

/**
 * One HTTP exchange on a connection of its own. The body tests hold the event loop for seconds (comparing 400,000
 * values); a pooled keep-alive socket the server closed meanwhile would fail the next request (EPIPE) before it
 * reaches the server. A body is sent with its Content-Length, or `chunked` in 1 MiB writes without one.
 */
export function httpOnce(url: string, init: { method?: string; headers?: Record<string, string>; body?: Uint8Array | string; chunked?: boolean } = {}): Promise<OnceResponse> {
  const body = typeof init.body === "string" ? Buffer.from(init.body) : init.body;
  const headers: Record<string, string | number> = { ...init.headers };
  if (body && !init.chunked) headers["content-length"] = body.length;
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = request(url, { method: init.method ?? "GET", headers, agent: false }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: response.statusCode!, text, json: () => JSON.parse(text) });
      });
    });
    // A server may answer (413) before the body is all sent, and close: the answer is what counts.
    outgoing.on("error", (error) => {
      if (!answered) reject(error);
    });
    if (body && init.chunked) for (let offset = 0; offset < body.length; offset += 1024 * 1024) outgoing.write(body.subarray(offset, offset + 1024 * 1024));
    else if (body) outgoing.write(body);
    outgoing.end();
  });
}
