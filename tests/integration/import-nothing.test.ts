// Imports that yield no rows make no run: the refusal says why (a Git LFS pointer, a JSON object that is not a
// trainer state, a header-only file, a file whose every line is refused), and the project is left as it was.
import { describe, expect, it } from "vitest";
import { baseUrl, newProject } from "./api-client";

const encode = (text: string) => new TextEncoder().encode(text);

async function upload(project: string, key: string, files: { name: string; bytes: Uint8Array }[]) {
  const form = new FormData();
  form.set("project", project);
  for (const f of files) form.append("file", new Blob([new Uint8Array(f.bytes)]), f.name);
  const response = await fetch(`${baseUrl()}/api/v1/import`, { method: "POST", body: form, headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: (await response.json()) as any };
}

async function runNames(project: string, key: string): Promise<string[]> {
  const response = await fetch(`${baseUrl()}/api/v1/runs?project=${project}&archived=include`, { headers: { authorization: `Bearer ${key}` } });
  return ((await response.json()) as { runs: { name: string }[] }).runs.map((r) => r.name);
}

const LFS = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 81920\n";

describe("an import that yields nothing", () => {
  const cases: { what: string; files: { name: string; bytes: Uint8Array }[]; status: number; message: RegExp }[] = [
    { what: "a Git LFS pointer named like a trainer state", files: [{ name: "trainer_state.json", bytes: encode(LFS) }], status: 415, message: /git lfs pull/ },
    { what: "a Git LFS pointer named like an event file", files: [{ name: "events.out.tfevents.1700000000.host.1.0", bytes: encode(LFS) }], status: 415, message: /git lfs pull/ },
    {
      what: "two Git LFS pointers as a TensorBoard directory",
      files: ["events.out.tfevents.1700000000.h.1.0", "events.out.tfevents.1700000100.h.1.0"].map((name) => ({ name, bytes: encode(LFS) })),
      status: 422,
      message: /events\.out\.tfevents\.1700000000\.h\.1\.0 offset 0: a Git LFS pointer.*git lfs pull/,
    },
    {
      what: "a JSON object that is not a trainer state",
      files: [{ name: "trainer_state.json", bytes: encode('{\n  "model_type": "llama",\n  "hidden_size": 64\n}\n') }],
      status: 422,
      message: /no "log_history" entries: not a trainer_state\.json/,
    },
    { what: "a header-only CSV", files: [{ name: "metrics.csv", bytes: encode("step,loss\n") }], status: 422, message: /nothing to import: it holds no numeric value/ },
    {
      what: "a JSONL file whose every line is refused",
      files: [{ name: "log.jsonl", bytes: encode('{"step": 1, "loss": "high"}\nnot json\n') }],
      status: 422,
      message: /log\.jsonl: nothing to import: .*line 2/,
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.what}, naming the reason, and makes no run`, async () => {
      const { project, key } = await newProject("empty");
      const answer = await upload(project, key, c.files);
      expect(answer.status, JSON.stringify(answer.body)).toBe(c.status);
      expect(answer.body.error.path).toEqual(["file"]);
      expect(answer.body.error.message).toMatch(c.message);
      expect(await runNames(project, key)).toEqual([]);
    });
  }

  it("refuses the whole upload when one of its files yields nothing (the good file's run goes too)", async () => {
    const { project, key } = await newProject("empty");
    const good = { name: "good.jsonl", bytes: encode('{"step": 1, "loss": 0.5}\n') };
    const answer = await upload(project, key, [good, { name: "empty.csv", bytes: encode("step,loss\n") }]);
    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toMatch(/^empty\.csv: nothing to import/);
    expect(await runNames(project, key)).toEqual([]);
    const alone = await upload(project, key, [good]);
    expect([alone.status, alone.body.runs[0].rows]).toEqual([201, 1]);
  });
});
