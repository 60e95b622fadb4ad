import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable";

const coded = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it("recognises a server that is down, stopping, starting or dropped the connection, also wrapped by drizzle", () => {
    expect(isDatabaseUnavailable(coded("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"))).toBe(true);
    expect(isDatabaseUnavailable(coded("write CONNECTION_CLOSED 127.0.0.1:5432", "CONNECTION_CLOSED"))).toBe(true);
    expect(isDatabaseUnavailable(coded("terminating connection due to administrator command", "57P01"))).toBe(true);
    expect(isDatabaseUnavailable(coded("the database system is starting up", "57P03"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Failed query: insert …", { cause: coded("connection failure", "08006") }))).toBe(true);
  });

  it("leaves every other error alone", () => {
    expect(isDatabaseUnavailable(coded("duplicate key value violates unique constraint", "23505"))).toBe(false);
    expect(isDatabaseUnavailable(coded("deadlock detected", "40P01"))).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom", { cause: new Error("no code") }))).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
