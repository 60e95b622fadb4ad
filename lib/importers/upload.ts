// The upload box's request: XMLHttpRequest, because fetch reports no upload progress. It asks for the streamed
// answer, so one request tells the bytes sent, then the bytes decoded and rows stored, then the result.
import { csrfHeaders } from "../core/fetch-json";
import { IMPORT_STREAM_TYPE, type ImportResponse } from "./contract";
import { StreamLineReader } from "./progress-stream";

/** Where an upload stands: its bytes on their way (`sending`), then the server decoding and storing them. */
export type UploadProgress = { phase: "sending"; bytes: number; total: number } | { phase: "storing"; bytes: number; total: number; rows: number };

function errorMessage(xhr: XMLHttpRequest): string {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not the API's error body: a proxy's page, say
  }
  return `${xhr.status} ${xhr.statusText}`;
}

/** POSTs the form to /api/v1/import, telling `onProgress` as it goes; resolves with the 201 body's runs. */
export function uploadImport(form: FormData, onProgress: (progress: UploadProgress) => void): Promise<ImportResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const reader = new StreamLineReader();
    let seen = 0;
    const readLines = () => {
      if (xhr.status !== 200) return;
      const text = xhr.responseText;
      const events = reader.push(text.slice(seen));
      seen = text.length;
      for (const event of events) {
        if (event.kind === "progress") onProgress({ phase: "storing", bytes: event.progress.bytes, total: event.progress.total_bytes, rows: event.progress.rows });
      }
    };
    xhr.open("POST", "/api/v1/import");
    xhr.setRequestHeader("accept", IMPORT_STREAM_TYPE);
    new Headers(csrfHeaders({ method: "POST" })).forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = (e) => onProgress({ phase: "sending", bytes: e.loaded, total: e.lengthComputable ? e.total : 0 });
    xhr.onprogress = readLines;
    xhr.onload = () => {
      if (xhr.status !== 200) return reject(new Error(errorMessage(xhr)));
      readLines();
      const outcome = reader.finish();
      if ("result" in outcome) resolve(outcome.result);
      else reject(new Error(outcome.message));
    };
    xhr.onerror = () => reject(new Error("The upload did not reach the server"));
    xhr.send(form);
  });
}
