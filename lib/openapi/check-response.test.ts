import { describe, expect, it } from "vitest";
import { contractDrift } from "./check-response";

const respond = (method: string, pathname: string, status: number, body: unknown, contentType: string | null = "application/json") => ({
  method,
  pathname,
  status,
  contentType,
  text: async () => (typeof body === "string" ? body : JSON.stringify(body)),
});

const user = { id: 1, username: "ada", is_admin: true, created_at: "2026-12-03T22:00:00.000Z", disabled: false };

describe("contractDrift", () => {
  it("passes a body the contract describes", async () => {
    expect(await contractDrift(respond("GET", "/api/v1/users", 200, { users: [user] }))).toEqual([]);
    expect(await contractDrift(respond("POST", "/api/v1/auth/logout", 204, ""))).toEqual([]);
    expect(await contractDrift(respond("GET", "/api/v1/runs/x/metrics/csv", 200, "key,step\n", "text/csv; charset=utf-8"))).toEqual([]);
  });

  it("names the path of a field that drifted", async () => {
    const drift = await contractDrift(respond("GET", "/api/v1/users", 200, { users: [{ ...user, is_admin: "yes" }] }));
    expect(drift).toEqual([expect.stringMatching(/^GET \/api\/v1\/users → 200: at users\.0\.is_admin: /)]);
  });

  it("refuses a field the contract does not list, and a missing one", async () => {
    expect(await contractDrift(respond("GET", "/api/v1/users", 200, { users: [{ ...user, extra: 1 }] }))).toHaveLength(1);
    const partial: Partial<typeof user> = { ...user };
    delete partial.disabled;
    expect(await contractDrift(respond("GET", "/api/v1/users", 200, { users: [partial] }))).toEqual([expect.stringContaining("at users.0.disabled")]);
  });

  it("checks a streamed answer line by line, naming the line that drifted", async () => {
    const progress = JSON.stringify({ progress: { bytes: 1, total_bytes: 2, rows: 0 } });
    const failed = JSON.stringify({ status: 422, error: { code: "invalid_body", message: "no", path: ["file"] } });
    expect(await contractDrift(respond("POST", "/api/v1/import", 200, `${progress}\n${failed}\n`, "application/x-ndjson"))).toEqual([]);
    const drift = await contractDrift(
      respond("POST", "/api/v1/import", 200, `${progress}\n{"progress":{"bytes":-1,"total_bytes":2,"rows":0}}\nnot json\n`, "application/x-ndjson"),
    );
    expect(drift).toEqual([expect.stringContaining("→ 200 line 2: at "), expect.stringContaining("→ 200 line 3: not JSON")]);
    expect(await contractDrift(respond("POST", "/api/v1/import", 200, progress, "application/json"))).toEqual([
      expect.stringContaining("expected content-type application/x-ndjson"),
    ]);
  });

  it("checks error bodies, unlisted statuses and content types", async () => {
    expect(await contractDrift(respond("GET", "/api/v1/users", 403, { error: { code: "forbidden", message: "no", path: [] } }))).toEqual([]);
    expect(await contractDrift(respond("GET", "/api/v1/users", 403, { message: "no" }))).toContainEqual(expect.stringContaining("at error: "));
    expect(await contractDrift(respond("GET", "/api/v1/users", 201, { users: [] }))).toEqual([expect.stringContaining("status 201 is not in the contract")]);
    expect(await contractDrift(respond("GET", "/api/v1/users", 200, "<html>", "text/html"))).toEqual([expect.stringContaining("expected content-type application/json")]);
    expect(await contractDrift(respond("GET", "/api/v1/runs/x/metrics/csv", 200, "{}"))).toEqual([expect.stringContaining("expected content-type text/csv")]);
  });

  it("leaves requests to routes the registry does not list alone", async () => {
    expect(await contractDrift(respond("GET", "/api/v1/nowhere", 404, "<html>", "text/html"))).toEqual([]);
  });
});
