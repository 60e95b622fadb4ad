// The integration project's setup file: every response the tests receive from the app's API is checked against
// its endpoint's contract (lib/openapi/endpoints.ts). A drift fails the test that received it, naming the field.
import { afterAll, afterEach } from "vitest";
import { contractDrift } from "@/lib/openapi/check-response";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);
const drifts: string[] = [];
const pending = new Set<Promise<void>>();
const original = globalThis.fetch;

function requestMethod(input: RequestInfo | URL, init?: RequestInit): string {
  return (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
}

async function check(method: string, url: URL, response: Response): Promise<void> {
  let cutOff = false;
  const found = await contractDrift({
    method,
    pathname: url.pathname,
    status: response.status,
    contentType: response.headers.get("content-type"),
    text: () =>
      response
        .clone()
        .text()
        .catch((error: unknown) => {
          cutOff = true;
          throw error;
        }),
  }).catch(() => [] as string[]);
  // A body cut off on the way (a server killed mid-answer) is the test's business, not a drift.
  if (!cutOff) drifts.push(...found);
}

/**
 * Only the app's own answers speak the contract. Tests also stand servers of their own in its place (a proxy's HTML
 * 413, an injected 400 or 422 for a client's retry rules); the app's answers carry the security headers every route
 * gets (next.config.mjs), which those stand-ins do not send.
 */
function fromTheApp(response: Response): boolean {
  return response.headers.has("permissions-policy") && response.headers.get("cross-origin-resource-policy") === "same-origin";
}

globalThis.fetch = async function checkedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await original(input, init);
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (LOCAL_HOSTS.has(url.hostname) && url.pathname.startsWith("/api/") && fromTheApp(response)) {
    // Checked before the test sees the response, on a clone: the test's own read of the body is untouched.
    const done = check(requestMethod(input, init), url, response);
    pending.add(done);
    await done.finally(() => pending.delete(done));
  }
  return response;
};

async function failOnDrift() {
  await Promise.all(pending);
  if (drifts.length === 0) return;
  const found = drifts.splice(0);
  throw new Error(`Responses differ from the API contract (lib/*/contract.ts):\n  ${found.join("\n  ")}`);
}

afterEach(failOnDrift);
afterAll(failOnDrift);
