import { describe, expect, it } from "vitest";
import { checkRunEdit, editRuns } from "./edits";

// Nothing listens here: a request that got past the checks would reject with "unavailable", not "invalid_body".
const nowhere = { url: "http://127.0.0.1:9", timeoutMs: 1000 };

describe("run edit checks", () => {
  it("accepts the edits the server takes: null clears the group, empty notes clear them", () => {
    expect(() => checkRunEdit({ name: "a", group: null, notes: "", tags: ["x"] })).not.toThrow();
    expect(() => checkRunEdit({ status: "finished", summary: { loss: Number.NaN } })).not.toThrow();
  });

  it.each([
    [{ name: "" }, ["name"]],
    [{ name: "x".repeat(257) }, ["name"]],
    [{ group: "" }, ["group"]],
    [{ notes: "x".repeat(10_001) }, ["notes"]],
    [{ tags: ["ok", ""] }, ["tags", 1]],
    [{ tags: Array.from({ length: 101 }, (_, i) => String(i)) }, ["tags"]],
  ])("refuses %j naming the field", (patch, path) => {
    expect(() => checkRunEdit(patch)).toThrow(expect.objectContaining({ code: "invalid_body", path }));
  });

  it("editRuns checks ids and tags before sending", async () => {
    await expect(editRuns([], { group: "g" }, nowhere)).rejects.toMatchObject({ code: "invalid_body", path: ["ids"] });
    await expect(editRuns([crypto.randomUUID(), "nope"], { group: "g" }, nowhere)).rejects.toMatchObject({ path: ["ids", 1] });
    await expect(editRuns([crypto.randomUUID()], { addTags: [""] }, nowhere)).rejects.toMatchObject({ path: ["add_tags", 0] });
    await expect(editRuns([crypto.randomUUID()], { group: "g" }, nowhere)).rejects.toMatchObject({ code: "unavailable" });
  });
});
