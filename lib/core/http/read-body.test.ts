import { describe, expect, it } from "vitest";
import { readBatch, readBodyText, readUpload } from "./read-body";

const encoder = new TextEncoder();

/** A request whose body is `text` but whose Content-Length says `declared`: a body cut short on its way. */
function cutShort(text: string, declared: number, type = "application/x-ndjson"): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(text));
      controller.close();
    },
  });
  return new Request("http://app/api/v1/runs/x/metrics", {
    method: "POST",
    headers: { "content-type": type, "content-length": String(declared) },
    body,
    duplex: "half",
  } as RequestInit);
}

const chunked = (text: string, type: string) =>
  new Request("http://app/api/v1/import", { method: "POST", headers: { "content-type": type }, body: new Blob([text]).stream(), duplex: "half" } as RequestInit);

describe("reading request bodies", () => {
  it("refuses a body that ends before its Content-Length with 400, even when what arrived parses", async () => {
    const lines = `{"step":1,"values":{"a":1}}\n{"step":2,"values":{"a":2}}\n`;
    await expect(readBatch(cutShort(lines, lines.length + 40))).rejects.toMatchObject({
      status: 400,
      code: "invalid_json",
      message: expect.stringContaining(`ended after ${lines.length} of the ${lines.length + 40} bytes`),
    });
    await expect(readBodyText(cutShort("{}", 3, "application/json"))).rejects.toMatchObject({ status: 400 });
    expect(await readBatch(cutShort(lines, lines.length))).toEqual({
      rows: [
        { step: 1, values: { a: 1 } },
        { step: 2, values: { a: 2 } },
      ],
    });
  });

  it("stops reading past the limit, sized or chunked (413)", async () => {
    await expect(readBodyText(cutShort("x".repeat(100), 100), 99)).rejects.toMatchObject({ status: 413, code: "payload_too_large" });
    await expect(readBodyText(chunked("x".repeat(100), "text/plain"), 99)).rejects.toMatchObject({ status: 413 });
    expect(await readBodyText(chunked("x".repeat(99), "text/plain"), 99)).toHaveLength(99);
  });

  it("reads a refused body to its end before answering 413, so the sender hears the answer instead of a broken pipe", async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 10) return controller.close();
        sent += 1;
        controller.enqueue(new Uint8Array(1000));
      },
    });
    const request = new Request("http://app/x", { method: "POST", headers: { "content-length": "10000" }, body, duplex: "half" } as RequestInit);
    await expect(readBodyText(request, 5000)).rejects.toMatchObject({ status: 413 });
    expect(sent).toBe(10);
  });

  it("reads an upload whole up to the import limit and no further; a cut-short one is 400", async () => {
    const form = new FormData();
    form.set("project", "p");
    form.append("file", new Blob(["step,loss\n1,0.5\n"]), "a.csv");
    const encoded = new Response(form);
    const type = encoded.headers.get("content-type")!;
    const text = await encoded.text();
    const read = await readUpload(chunked(text, type), text.length);
    expect([read.get("project"), (read.get("file") as File).name]).toEqual(["p", "a.csv"]);
    await expect(readUpload(chunked(text, type), text.length - 1)).rejects.toMatchObject({ status: 413, code: "payload_too_large" });
    await expect(readUpload(cutShort(text, text.length + 1, type), 1e9)).rejects.toMatchObject({ status: 400 });
    await expect(readUpload(chunked("not multipart", "text/plain"), 1e9)).rejects.toMatchObject({ status: 415 });
  });
});
