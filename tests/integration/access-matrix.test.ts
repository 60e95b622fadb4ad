import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../support/accounts";
import { startOwnApp } from "../support/accounts";
import { buildWorld, fingerprint, fresh, PASSWORD, type Who, type World } from "./access-fixtures";

type Kind = "read" | "ingest" | "edit" | "admin" | "site" | "page" | "signedInPage" | "adminPage";
type Outcome = "ok" | 401 | 403 | 404 | "login";

// Rows: who asks. Columns: what the endpoint needs. The design, in one table.
const MATRIX: Record<Who, Record<Kind, Outcome>> = {
  none: { read: 401, ingest: 401, edit: 401, admin: 401, site: 401, page: "login", signedInPage: "login", adminPage: "login" },
  revokedKey: { read: 401, ingest: 401, edit: 401, admin: 401, site: 401, page: "login", signedInPage: "login", adminPage: "login" },
  shareTokenAsKey: { read: 401, ingest: 401, edit: 401, admin: 401, site: 401, page: "login", signedInPage: "login", adminPage: "login" },
  wrongProjectKey: { read: 403, ingest: 403, edit: 403, admin: 403, site: 403, page: 404, signedInPage: "ok", adminPage: 404 },
  readKey: { read: "ok", ingest: 403, edit: 403, admin: 403, site: 403, page: "ok", signedInPage: "ok", adminPage: 404 },
  writeKey: { read: "ok", ingest: "ok", edit: "ok", admin: 403, site: 403, page: "ok", signedInPage: "ok", adminPage: 404 },
  viewer: { read: "ok", ingest: 401, edit: 403, admin: 403, site: 403, page: "ok", signedInPage: "ok", adminPage: 404 },
  editor: { read: "ok", ingest: 401, edit: "ok", admin: 403, site: 403, page: "ok", signedInPage: "ok", adminPage: 404 },
  editorWithoutCsrf: { read: "ok", ingest: 401, edit: 403, admin: 403, site: 403, page: "ok", signedInPage: "ok", adminPage: 404 },
  projectAdmin: { read: "ok", ingest: 401, edit: "ok", admin: "ok", site: 403, page: "ok", signedInPage: "ok", adminPage: 404 },
  outsider: { read: 404, ingest: 401, edit: 404, admin: 404, site: 403, page: 404, signedInPage: "ok", adminPage: 404 },
  siteAdmin: { read: "ok", ingest: 401, edit: "ok", admin: "ok", site: "ok", page: "ok", signedInPage: "ok", adminPage: "ok" },
};

interface Endpoint {
  kind: Kind;
  method: string;
  /** Builds the request; may first make a fresh target (as the admin) so that an allowed change has something to change. */
  make: (w: World) => Promise<Target> | Target;
}

/** `probe`: a path the admin reads before and after a refused request, for a target outside the fingerprint. */
type Target = { path: string; body?: unknown; probe?: string };

const jsonl = () => {
  const form = new FormData();
  form.set("project", "alpha");
  form.append("file", new Blob(['{"step": 0, "loss": 1}\n']), "log.jsonl");
  return form;
};
const newRun = async (w: World) => (await w.request("POST", "/api/v1/runs", w.who.writeKey, { project: "alpha", name: fresh("r") })).body.id as string;
/** A project of its own with alpha's team (viewer, editor, admin), so deleting it leaves alpha as it was. */
const newProject = async (w: World) => {
  const name = fresh("p");
  await w.request("POST", "/api/v1/projects", w.admin, { name });
  for (const [username, role] of [
    ["viewer", "viewer"],
    ["editor", "editor"],
    ["padmin", "admin"],
  ])
    await w.request("PUT", `/api/v1/projects/${name}/members`, w.admin, { username, role });
  return name;
};
const newReport = async (w: World) => (await w.request("POST", "/api/v1/projects/alpha/reports", w.admin, { title: "t", url: "" })).body.id as string;

const ENDPOINTS: Endpoint[] = [
  { kind: "read", method: "GET", make: () => ({ path: "/api/v1/runs?project=alpha" }) },
  { kind: "read", method: "GET", make: (w) => ({ path: `/api/v1/runs/${w.runId}` }) },
  { kind: "read", method: "GET", make: (w) => ({ path: `/api/v1/runs/${w.runId}/metrics?keys=loss` }) },
  { kind: "read", method: "GET", make: (w) => ({ path: `/api/v1/runs/${w.runId}/metrics/csv` }) },
  { kind: "read", method: "GET", make: (w) => ({ path: `/api/v1/runs/series?runs=${w.runId}&keys=loss` }) },
  { kind: "read", method: "GET", make: (w) => ({ path: `/api/v1/runs/${w.runId}/sequences?step=0` }) },
  { kind: "read", method: "GET", make: (w) => ({ path: `/api/v1/runs/${w.runId}/sequences/distribution` }) },
  { kind: "read", method: "GET", make: (w) => ({ path: `/api/v1/runs/${w.runId}/diagnostics` }) },
  { kind: "read", method: "GET", make: () => ({ path: "/api/v1/projects/alpha" }) },
  { kind: "read", method: "GET", make: () => ({ path: "/api/v1/projects/alpha/reports" }) },
  { kind: "read", method: "GET", make: (w) => ({ path: `/api/v1/projects/alpha/reports/${w.reportId}` }) },
  { kind: "read", method: "GET", make: (w) => ({ path: `/api/v1/projects/alpha/reports/${w.reportId}/share-links` }) },
  { kind: "read", method: "GET", make: () => ({ path: "/api/v1/projects/alpha/members" }) },
  { kind: "ingest", method: "POST", make: () => ({ path: "/api/v1/runs", body: { project: "alpha", name: "x" } }) },
  { kind: "ingest", method: "POST", make: (w) => ({ path: `/api/v1/runs/${w.runId}/metrics`, body: { rows: [{ step: 5, values: { loss: 0.5 } }] } }) },
  {
    kind: "ingest",
    method: "POST",
    make: (w) => ({
      path: `/api/v1/runs/${w.runId}/sequences`,
      body: { rows: [{ step: 5, pair_id: "p", logp_chosen: -1, logp_rejected: -3, ref_logp_chosen: -1, ref_logp_rejected: -2 }] },
    }),
  },
  { kind: "edit", method: "PATCH", make: (w) => ({ path: `/api/v1/runs/${w.runId}`, body: { tags: ["patched"] } }) },
  { kind: "edit", method: "POST", make: (w) => ({ path: "/api/v1/runs/bulk", body: { ids: [w.runId], add_tags: ["bulk"] } }) },
  { kind: "edit", method: "POST", make: () => ({ path: "/api/v1/projects/alpha/reports", body: { title: "new", url: "" } }) },
  { kind: "edit", method: "DELETE", make: async (w) => ({ path: `/api/v1/projects/alpha/reports/${await newReport(w)}` }) },
  { kind: "edit", method: "POST", make: (w) => ({ path: `/api/v1/projects/alpha/reports/${w.reportId}/share-links`, body: { mode: "live" } }) },
  {
    kind: "edit",
    method: "DELETE",
    make: async (w) => {
      const link = (await w.request("POST", `/api/v1/projects/alpha/reports/${w.reportId}/share-links`, w.admin, { mode: "live" })).body.id;
      return { path: `/api/v1/projects/alpha/reports/${w.reportId}/share-links/${link}` };
    },
  },
  { kind: "edit", method: "POST", make: () => ({ path: "/api/v1/import", body: jsonl() }) },
  { kind: "edit", method: "POST", make: () => ({ path: "/api/v1/lab/runs", body: { project: "alpha", scenario: 1, algorithm: "dpo", beta: 0.1, steps: 3, seed: 1 } }) },
  { kind: "edit", method: "POST", make: async (w) => ({ path: `/api/v1/runs/${await newRun(w)}/archive` }) },
  {
    kind: "edit",
    method: "POST",
    make: async (w) => {
      const id = await newRun(w);
      await w.request("POST", `/api/v1/runs/${id}/archive`, w.admin);
      return { path: `/api/v1/runs/${id}/restore`, probe: `/api/v1/runs?project=alpha&archived=only` };
    },
  },
  { kind: "edit", method: "DELETE", make: async (w) => ({ path: `/api/v1/runs/${await newRun(w)}` }) },
  { kind: "admin", method: "GET", make: () => ({ path: "/api/v1/projects/alpha/keys" }) },
  { kind: "admin", method: "POST", make: () => ({ path: "/api/v1/projects/alpha/keys", body: { name: "k" } }) },
  {
    kind: "admin",
    method: "DELETE",
    make: async (w) => ({ path: `/api/v1/projects/alpha/keys/${(await w.request("POST", "/api/v1/projects/alpha/keys", w.admin, {})).body.id}` }),
  },
  { kind: "admin", method: "PATCH", make: () => ({ path: "/api/v1/projects/alpha", body: { webhook_url: null } }) },
  { kind: "admin", method: "PUT", make: () => ({ path: "/api/v1/projects/alpha/members", body: { username: "extra", role: "viewer" } }) },
  {
    kind: "admin",
    method: "DELETE",
    make: async (w) => {
      await w.request("PUT", "/api/v1/projects/alpha/members", w.admin, { username: "extra", role: "viewer" });
      return { path: `/api/v1/projects/alpha/members/${w.extraUserId}` };
    },
  },
  ...["/archive", "/restore", ""].map((action): Endpoint => ({
    kind: "admin",
    method: action ? "POST" : "DELETE",
    make: async (w) => {
      const name = await newProject(w);
      if (action === "/restore") await w.request("POST", `/api/v1/projects/${name}/archive`, w.admin);
      return { path: `/api/v1/projects/${name}${action}`, probe: `/api/v1/projects/${name}` };
    },
  })),
  { kind: "site", method: "GET", make: () => ({ path: "/api/v1/users" }) },
  { kind: "site", method: "POST", make: () => ({ path: "/api/v1/users", body: { username: fresh("u"), password: PASSWORD } }) },
  { kind: "site", method: "PATCH", make: (w) => ({ path: `/api/v1/users/${w.extraUserId}`, body: { disabled: false } }) },
  { kind: "site", method: "POST", make: () => ({ path: "/api/v1/projects", body: { name: fresh("p") } }) },
  ...["", "/tables", "/compare", "/sweeps", "/dpo-vs-rm", "/reports"].map((sub): Endpoint => ({ kind: "page", method: "GET", make: () => ({ path: `/p/alpha${sub}` }) })),
  { kind: "page", method: "GET", make: (w) => ({ path: `/p/alpha/runs/${w.runId}` }) },
  { kind: "signedInPage", method: "GET", make: () => ({ path: "/" }) },
  { kind: "signedInPage", method: "GET", make: () => ({ path: "/lab" }) },
  { kind: "adminPage", method: "GET", make: () => ({ path: "/admin/users" }) },
];

function check(answer: Answer, expected: Outcome, label: string) {
  if (expected === "ok") expect(answer.status, label).toBeLessThan(300);
  else if (expected === "login") {
    expect(answer.status, label).toBe(307);
    expect(answer.headers.get("location"), label).toMatch(/^\/login\?next=/);
  } else {
    expect(answer.status, label).toBe(expected);
    if (!["page", "signedInPage", "adminPage"].some((k) => label.startsWith(k))) expect(answer.body.error.message, label).toBeTruthy();
    // A refusal of a request by run id names no project: the id must not tell whose run it is.
    if (label.split(" ")[2]!.startsWith("/api/v1/runs/")) expect(JSON.stringify(answer.body), label).not.toContain("alpha");
  }
}

describe("access matrix: every endpoint and page against every kind of caller", () => {
  let world: World;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const own = await startOwnApp();
    stop = own.stop;
    world = await buildWorld(own.app.url);
  }, 300_000); // ten password hashes (scrypt): seconds apiece on a busy machine
  afterAll(async () => stop?.());

  it("allows and refuses each request as designed; a refused one changes nothing", async () => {
    // What the answers were, tallied from the statuses themselves (not from the expectation), and how many
    // refused writes had their state compared: both must come out as the matrix says, case for case.
    const answered = new Map<string, number>();
    let stateChecked = 0;
    const tally = (outcome: string) => answered.set(outcome, (answered.get(outcome) ?? 0) + 1);
    for (const endpoint of ENDPOINTS) {
      for (const who of Object.keys(MATRIX) as Who[]) {
        const expected = MATRIX[who][endpoint.kind];
        const { path, body, probe } = await endpoint.make(world);
        const look = async () => (await fingerprint(world)) + (probe ? JSON.stringify((await world.request("GET", probe, world.admin)).body) : "");
        const before = expected === "ok" || endpoint.method === "GET" ? null : await look();
        const answer = await world.request(endpoint.method, path, world.who[who], body);
        check(answer, expected, `${endpoint.kind} ${endpoint.method} ${path} as ${who}`);
        tally(answer.status < 300 ? "ok" : answer.status === 307 ? "login" : String(answer.status));
        if (before !== null) {
          expect(await look(), `${endpoint.method} ${path} as ${who} changed something`).toBe(before);
          stateChecked++;
        }
      }
    }
    const designed = new Map<string, number>();
    let refusedWrites = 0;
    for (const endpoint of ENDPOINTS) {
      for (const row of Object.values(MATRIX)) {
        const outcome = String(row[endpoint.kind]);
        designed.set(outcome, (designed.get(outcome) ?? 0) + 1);
        if (outcome !== "ok" && endpoint.method !== "GET") refusedWrites++;
      }
    }
    const sorted = (m: Map<string, number>) => [...m].sort(([a], [b]) => a.localeCompare(b));
    expect(sorted(answered)).toEqual(sorted(designed));
    expect(stateChecked).toBe(refusedWrites);
    expect(refusedWrites).toBeGreaterThan(0);
  }, 600_000);

  it("serves a share token only its own report, and a revoked one never", async () => {
    const { request, alphaShare, betaShare, revokedShare } = world;
    expect((await request("GET", `/api/v1/share/${alphaShare}`)).status).toBe(200);
    expect((await request("GET", `/api/v1/share/${alphaShare}/run`)).body.id).toBe(world.runId);
    // Beta's report is a tables view: its token reads no run, and names nothing of alpha's.
    expect((await request("GET", `/api/v1/share/${betaShare}/run`)).status).toBe(404);
    expect(JSON.stringify((await request("GET", `/api/v1/share/${betaShare}/view`)).body)).not.toContain(world.runId);
    for (const part of ["", "/run", "/metrics", "/diagnostics", "/runs", "/view"]) {
      expect((await request("GET", `/api/v1/share/${revokedShare}${part}`)).status, part).toBe(410);
    }
    expect((await request("GET", `/api/v1/share/${alphaShare.slice(0, -2)}xx`)).status).toBe(404);
    // The shared page answers as the API does: 200 while the link lives, 410 once revoked, 404 for no link.
    expect((await request("GET", `/r/${alphaShare}`)).status).toBe(200);
    expect((await request("GET", `/r/${revokedShare}`)).status).toBe(410);
    expect((await request("GET", `/r/${alphaShare.slice(0, -2)}xx`)).status).toBe(404);
  });
});
