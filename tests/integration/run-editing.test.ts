import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, sessionFrom, startOwnApp, type Answer, type Credentials } from "../support/accounts";

const SAME_ORIGIN = { "sec-fetch-site": "same-origin" };
const PASSWORD = "correct horse battery";

function ok(answer: Answer, what: string): Answer {
  if (answer.status >= 300) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

describe("run editing: name, group, notes, tags; one run and many", () => {
  let stop: () => Promise<void>;
  let request: ReturnType<typeof client>;
  const who: Record<"key" | "readKey" | "otherKey" | "admin" | "editor" | "viewer", Credentials> = {} as never;

  const newRun = async (name: string, extra: Record<string, unknown> = {}, credentials = who.key, project = "edits") =>
    ok(await request("POST", "/api/v1/runs", credentials, { project, name, algorithm: "dpo", ...extra }), "run").body.id as string;
  const getRun = async (id: string) => ok(await request("GET", `/api/v1/runs/${id}`, who.key), "get").body;
  /** What an edit may change: a refused request must leave it as it was. */
  const editable = async (id: string) => {
    const { name, group, notes, tags } = await getRun(id);
    return { name, group, notes, tags };
  };

  beforeAll(async () => {
    const own = await startOwnApp();
    stop = own.stop;
    request = client(own.app.url);
    const key = async (project: string, scope = "write") => ({
      authorization: `Bearer ${ok(await request("POST", `/api/v1/projects/${project}/keys`, SAME_ORIGIN, { scope }), "key").body.key}`,
    });
    who.key = await key("edits");
    who.readKey = await key("edits", "read");
    who.otherKey = await key("elsewhere");
    who.admin = sessionFrom(ok(await request("POST", "/api/v1/auth/setup", SAME_ORIGIN, { username: "root", password: PASSWORD }), "setup"));
    for (const role of ["viewer", "editor"] as const) {
      ok(await request("POST", "/api/v1/users", who.admin, { username: role, password: PASSWORD }), "user");
      ok(await request("PUT", "/api/v1/projects/edits/members", who.admin, { username: role, role }), "member");
      who[role] = sessionFrom(ok(await request("POST", "/api/v1/auth/login", {}, { username: role, password: PASSWORD }), "login"));
    }
  }, 180_000);

  afterAll(async () => {
    await stop?.();
  });

  it("renames, groups, notes and tags a run with a write key, then clears the group", async () => {
    const id = await newRun("seed-0", { group: "run-0", tags: ["old"] });
    const flagsBefore = (await getRun(id)).flags_current;
    const edited = await request("PATCH", `/api/v1/runs/${id}`, who.key, { name: "β=0.1 seed 0", group: "beta-sweep", notes: "lr too high\nsee wandb", tags: ["a", "b"] });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ name: "β=0.1 seed 0", group: "beta-sweep", notes: "lr too high\nsee wandb", tags: ["a", "b"] });
    expect(await editable(id)).toEqual({ name: "β=0.1 seed 0", group: "beta-sweep", notes: "lr too high\nsee wandb", tags: ["a", "b"] });
    // A name or a note is not data the flags read: they stay as current as they were.
    expect((await getRun(id)).flags_current).toBe(flagsBefore);

    const cleared = await request("PATCH", `/api/v1/runs/${id}`, who.key, { group: null, notes: "" });
    expect(cleared.status).toBe(200);
    expect(await editable(id)).toEqual({ name: "β=0.1 seed 0", group: null, notes: "", tags: ["a", "b"] });
  });

  it("lets an editor edit from the dashboard; a viewer, a read key and another project's key get 403 and change nothing", async () => {
    const id = await newRun("shared");
    const byEditor = await request("PATCH", `/api/v1/runs/${id}`, who.editor, { name: "renamed by editor", notes: "checked" });
    expect(byEditor.status, JSON.stringify(byEditor.body)).toBe(200);
    const before = await editable(id);
    for (const credentials of [who.viewer, who.readKey, who.otherKey]) {
      const refused = await request("PATCH", `/api/v1/runs/${id}`, credentials, { name: "nope", group: "nope", notes: "nope" });
      expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    }
    const editorWithoutCsrf = Object.fromEntries(Object.entries(who.editor).filter(([name]) => name !== "x-csrf-token"));
    expect((await request("PATCH", `/api/v1/runs/${id}`, editorWithoutCsrf, { name: "nope" })).status).toBe(403);
    expect((await request("PATCH", `/api/v1/runs/${id}`, {}, { name: "nope" })).status).toBe(401);
    expect(await editable(id)).toEqual(before);
  });

  it("shows the notes to readers (viewers, a shared report) and the edit controls to editors only", async () => {
    const id = await newRun("noted", { group: "sweep-7" });
    ok(await request("PATCH", `/api/v1/runs/${id}`, who.editor, { notes: "loss spikes after step 400, rerun with warmup" }), "notes");
    const page = async (credentials: Credentials) => ok(await request("GET", `/p/edits/runs/${id}`, credentials), "page").body as string;
    const asViewer = await page(who.viewer);
    expect(asViewer).toContain("loss spikes after step 400, rerun with warmup");
    expect(asViewer).toContain("sweep-7");
    expect(asViewer).not.toContain("Edit run");
    expect(await page(who.editor)).toContain("Edit run");

    const report = ok(await request("POST", "/api/v1/projects/edits/reports", who.editor, { title: "noted run", url: `/runs/${id}` }), "report").body.id as string;
    const { token } = ok(await request("POST", `/api/v1/projects/edits/reports/${report}/share-links`, who.editor, { mode: "live" }), "link").body;
    const shared = ok(await request("GET", `/r/${token}`), "shared").body as string;
    expect(shared).toContain("loss spikes after step 400, rerun with warmup");
    expect(shared).not.toContain("Edit run");
  });

  it("refuses a bad field with 422 naming it, and writes none of the request", async () => {
    const id = await newRun("valid", { group: "g", tags: ["t"] });
    const before = await editable(id);
    const cases: [Record<string, unknown>, (string | number)[]][] = [
      [{ name: "" }, ["name"]],
      [{ name: "x".repeat(257) }, ["name"]],
      [{ name: "ok", group: "g".repeat(257) }, ["group"]],
      [{ name: "ok", group: "" }, ["group"]],
      [{ name: "ok", notes: "n".repeat(10_001) }, ["notes"]],
      [{ name: "ok", notes: "nul\u0000" }, ["notes"]],
      [{ name: "ok", tags: ["fine", ""] }, ["tags", 1]],
      [{ name: "ok", colour: "red" }, []],
    ];
    for (const [body, path] of cases) {
      const refused = await request("PATCH", `/api/v1/runs/${id}`, who.key, body);
      expect(refused.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      if (path.length) expect(refused.body.error.path).toEqual(path);
    }
    expect(await editable(id)).toEqual(before);
    // 10,000 characters is the limit, not past it.
    expect((await request("PATCH", `/api/v1/runs/${id}`, who.key, { notes: "n".repeat(10_000) })).status).toBe(200);
  });

  it("bulk-edits runs: one group, tags added and removed, in the order of ids", async () => {
    const a = await newRun("a", { group: "a-alone", tags: ["draft", "keep"] });
    const b = await newRun("b", { tags: ["keep"] });
    const edited = await request("POST", "/api/v1/runs/bulk", who.editor, { ids: [b, a], set: { group: "sweep" }, add_tags: ["swept", "keep"], remove_tags: ["draft"] });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.runs.map((r: { id: string }) => r.id)).toEqual([b, a]);
    expect(await editable(a)).toEqual({ name: "a", group: "sweep", notes: "", tags: ["keep", "swept"] });
    expect(await editable(b)).toEqual({ name: "b", group: "sweep", notes: "", tags: ["keep", "swept"] });

    const ungrouped = await request("POST", "/api/v1/runs/bulk", who.key, { ids: [a], set: { group: null } });
    expect(ungrouped.status).toBe(200);
    expect((await editable(a)).group).toBeNull();
    expect((await editable(b)).group).toBe("sweep");
  });

  it("bulk edits all or nothing: one bad id, another project's run, a viewer, a tag overflow change no run", async () => {
    const a = await newRun("x1", { group: "before" });
    const b = await newRun("x2", { group: "before" });
    const foreign = await newRun("theirs", {}, who.otherKey, "elsewhere");
    const before = [await editable(a), await editable(b)];
    const body = (ids: string[], extra: Record<string, unknown> = {}) => ({ ids, set: { group: "after" }, add_tags: ["x"], ...extra });

    const unknown = await request("POST", "/api/v1/runs/bulk", who.key, body([a, randomUUID(), b]));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.path).toEqual(["ids", 1]);

    const mixed = await request("POST", "/api/v1/runs/bulk", who.key, body([a, b, foreign]));
    expect(mixed.status).toBe(403);
    expect(mixed.body.error.path).toEqual(["ids", 2]);
    // An admin reaches both projects, but one edit is one project's.
    const twoProjects = await request("POST", "/api/v1/runs/bulk", who.admin, body([a, foreign]));
    expect(twoProjects.status).toBe(403);
    expect(twoProjects.body.error.path).toEqual(["ids", 1]);

    const viewer = await request("POST", "/api/v1/runs/bulk", who.viewer, body([a, b]));
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.path).toEqual(["ids", 0]);
    expect((await request("POST", "/api/v1/runs/bulk", who.readKey, body([a, b]))).status).toBe(403);

    const full = await newRun("full", { tags: Array.from({ length: 100 }, (_, i) => `t${i}`) });
    const overflow = await request("POST", "/api/v1/runs/bulk", who.key, body([a, full, b]));
    expect(overflow.status).toBe(422);
    expect(overflow.body.error.path).toEqual(["add_tags"]);

    const tooMany = await request("POST", "/api/v1/runs/bulk", who.key, body(Array.from({ length: 501 }, () => a)));
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.path).toEqual(["ids"]);
    const badId = await request("POST", "/api/v1/runs/bulk", who.key, body([a, "not-a-uuid"]));
    expect(badId.status).toBe(422);
    expect(badId.body.error.path).toEqual(["ids", 1]);
    expect((await request("POST", "/api/v1/runs/bulk", who.key, body([a], { set: { group: "" } }))).body.error.path).toEqual(["set", "group"]);
    expect((await request("POST", "/api/v1/runs/bulk", {}, body([a]))).status).toBe(401);

    expect([await editable(a), await editable(b)]).toEqual(before);
    expect((await editable(full)).tags).toHaveLength(100);
  });
});
