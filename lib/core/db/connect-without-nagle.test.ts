import { createServer } from "node:net";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { connectWithoutNagle } from "./index";

/** A loopback port nothing listens on (the server that had it is closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("connectWithoutNagle", () => {
  it("lets postgres.js see a refused connection and try again for the next query, instead of hanging the pool", async () => {
    const port = await closedPort();
    const sql = postgres(`postgres://nobody@127.0.0.1:${port}/none`, {
      max: 1,
      connect_timeout: 5,
      backoff: () => 0,
      onnotice: () => {},
      ...({ socket: connectWithoutNagle } as object),
    });
    try {
      // Each query must fail on its own connection attempt; before, the first failure left the pool's only
      // connection "connecting" forever and every later query waited on it.
      for (let attempt = 0; attempt < 3; attempt++) {
        const outcome = await Promise.race([
          sql`select 1`.then(
            () => "connected",
            (error: NodeJS.ErrnoException) => error.code,
          ),
          new Promise((resolve) => setTimeout(() => resolve("hung"), 3000)),
        ]);
        expect(outcome, `attempt ${attempt + 1}`).toBe("ECONNREFUSED");
      }
    } finally {
      await sql.end({ timeout: 1 });
    }
  });
});
