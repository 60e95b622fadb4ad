/** A write key for `project` from the PrefScope server holding the embedded database (its local token says we are on its machine). */
export async function createKeyThroughServer(server: { url: string; token: string }, project: string, name: string): Promise<string> {
  const response = await fetch(`${server.url}/api/internal/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-prefscope-local-token": server.token },
    body: JSON.stringify({ project, name }),
  });
  if (!response.ok) throw new Error(`the running server refused a key: ${response.status}`);
  return ((await response.json()) as { key: string }).key;
}
