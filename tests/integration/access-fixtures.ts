import { randomUUID } from "node:crypto";
import { client, sessionFrom, type Answer, type Credentials } from "../support/accounts";

export const PASSWORD = "correct horse battery";
const SAME_ORIGIN = { "sec-fetch-site": "same-origin" };

/** Who asks, by name; the matrix says what each may do. */
export type Who =
  "none" | "revokedKey" | "shareTokenAsKey" | "wrongProjectKey" | "readKey" | "writeKey" | "viewer" | "editor" | "editorWithoutCsrf" | "projectAdmin" | "outsider" | "siteAdmin";

export interface World {
  request: ReturnType<typeof client>;
  who: Record<Who, Credentials>;
  admin: Credentials;
  runId: string;
  reportId: string;
  alphaShare: string;
  betaShare: string;
  revokedShare: string;
  extraUserId: number;
}

function ok(answer: Answer, what: string): Answer {
  if (answer.status >= 300) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

/** Two projects with keys, a run with data, reports with share links (made in local mode); then accounts. */
export async function buildWorld(baseUrl: string): Promise<World> {
  const request = client(baseUrl);
  const key = async (project: string, scope = "write") =>
    ok(await request("POST", `/api/v1/projects/${project}/keys`, SAME_ORIGIN, { scope }), "key").body as { id: number; key: string };
  const [alphaWrite, alphaRead, revoked, betaWrite] = [await key("alpha"), await key("alpha", "read"), await key("alpha"), await key("beta")];
  ok(await request("DELETE", `/api/v1/projects/alpha/keys/${revoked.id}`, SAME_ORIGIN), "revoke");
  const bearer = (k: string) => ({ authorization: `Bearer ${k}` });

  const runId = ok(await request("POST", "/api/v1/runs", bearer(alphaWrite.key), { project: "alpha", name: "r", algorithm: "dpo", config: { beta: 0.1 } }), "run").body
    .id as string;
  ok(
    await request("POST", `/api/v1/runs/${runId}/metrics`, bearer(alphaWrite.key), {
      rows: [
        { step: 0, values: { loss: 0.7 } },
        { step: 1, values: { loss: 0.6 } },
      ],
    }),
    "metrics",
  );
  const pair = { step: 0, pair_id: "p0", logp_chosen: -1, logp_rejected: -2, ref_logp_chosen: -1, ref_logp_rejected: -2 };
  ok(await request("POST", `/api/v1/runs/${runId}/sequences`, bearer(alphaWrite.key), { rows: [pair] }), "sequences");

  const report = async (project: string, k: string, url: string) =>
    ok(await request("POST", `/api/v1/projects/${project}/reports`, bearer(k), { title: "t", url }), "report").body.id as string;
  const link = async (project: string, k: string, id: string) =>
    ok(await request("POST", `/api/v1/projects/${project}/reports/${id}/share-links`, bearer(k), { mode: "live" }), "link").body as { id: number; token: string };
  const reportId = await report("alpha", alphaWrite.key, `/runs/${runId}`);
  const alphaShare = (await link("alpha", alphaWrite.key, reportId)).token;
  const betaShare = (await link("beta", betaWrite.key, await report("beta", betaWrite.key, "/tables"))).token;
  const gone = await link("alpha", alphaWrite.key, reportId);
  ok(await request("DELETE", `/api/v1/projects/alpha/reports/${reportId}/share-links/${gone.id}`, bearer(alphaWrite.key)), "revoke link");

  // Accounts: the first admin from the set-up page, then the team.
  const admin = sessionFrom(ok(await request("POST", "/api/v1/auth/setup", SAME_ORIGIN, { username: "root", password: PASSWORD }), "setup"));
  const users: Record<string, number> = {};
  for (const name of ["viewer", "editor", "padmin", "outsider", "extra"]) {
    users[name] = ok(await request("POST", "/api/v1/users", admin, { username: name, password: PASSWORD }), `user ${name}`).body.user.id;
  }
  for (const [name, role] of [
    ["viewer", "viewer"],
    ["editor", "editor"],
    ["padmin", "admin"],
  ]) {
    ok(await request("PUT", "/api/v1/projects/alpha/members", admin, { username: name, role }), `member ${name}`);
  }
  const login = async (username: string) => sessionFrom(ok(await request("POST", "/api/v1/auth/login", {}, { username, password: PASSWORD }), `login ${username}`));
  const editor = await login("editor");
  const { "x-csrf-token": _dropped, ...editorWithoutCsrf } = editor;
  return {
    request,
    admin,
    runId,
    reportId,
    alphaShare,
    betaShare,
    revokedShare: gone.token,
    extraUserId: users.extra!,
    who: {
      none: {},
      revokedKey: bearer(revoked.key),
      shareTokenAsKey: bearer(alphaShare),
      wrongProjectKey: bearer(betaWrite.key),
      readKey: bearer(alphaRead.key),
      writeKey: bearer(alphaWrite.key),
      viewer: await login("viewer"),
      editor,
      editorWithoutCsrf,
      projectAdmin: await login("padmin"),
      outsider: await login("outsider"),
      siteAdmin: admin,
    },
  };
}

/** What the project looks like to its admin: a refused request must leave all of it as it was. */
export async function fingerprint(world: World): Promise<string> {
  const get = async (path: string) => ok(await world.request("GET", path, world.admin), path).body;
  const parts = await Promise.all([
    get("/api/v1/projects/alpha"),
    get("/api/v1/projects/alpha/reports"),
    get("/api/v1/projects/alpha/keys").then((b) => b.keys.map((k: { id: number; revoked_at: string | null }) => [k.id, k.revoked_at])),
    get("/api/v1/projects/alpha/members"),
    get("/api/v1/users"),
    get("/api/v1/runs?project=alpha").then((b) => b.runs.map((r: { id: string; tags: string[]; status: string }) => [r.id, r.tags, r.status])),
    get(`/api/v1/runs/${world.runId}/metrics`),
    get(`/api/v1/runs/${world.runId}/sequences?step=0`),
  ]);
  return JSON.stringify(parts);
}

export const fresh = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
