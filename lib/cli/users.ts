import { parseArgs } from "node:util";
import { createUser, listUsers, type User } from "../accounts/server/users";
import { createUserSchema } from "../accounts/contract";
import { readPassword } from "./read-password";
import { withDatabase } from "./with-database";

const USAGE = "Usage: prefscope users create --username NAME [--admin] [--password-stdin] | users list";

async function createThroughServer(server: { url: string; token: string }, input: { username: string; password: string; is_admin: boolean }): Promise<User> {
  const response = await fetch(`${server.url}/api/v1/users`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-prefscope-local-token": server.token },
    body: JSON.stringify(input),
  }).catch(() => {
    throw new Error(`A PrefScope server holds the embedded database but did not answer at ${server.url}. Wait until it has started, or stop it.`);
  });
  const body = (await response.json()) as { user: User; error?: { message: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `server answered ${response.status}`);
  return body.user;
}

export async function runUsersCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { username: { type: "string" }, admin: { type: "boolean", default: false }, "password-stdin": { type: "boolean", default: false } },
  });
  if (action === "list") {
    const users = await withDatabase(() => listUsers());
    for (const u of users) console.log(`${u.id}\t${u.username}\t${u.is_admin ? "admin" : "user"}\t${u.disabled ? "disabled" : "active"}`);
    return 0;
  }
  if (action !== "create" || !values.username) {
    console.error(USAGE);
    return 2;
  }
  const password = await readPassword({ fromStdin: values["password-stdin"] ?? false });
  const parsed = createUserSchema.safeParse({ username: values.username, password, is_admin: values.admin });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    console.error(`prefscope: ${issue.path.join(".")}: ${issue.message}`);
    return 2;
  }
  const input = parsed.data;
  const user = await withDatabase(
    () => createUser({ username: input.username, password: input.password, isAdmin: input.is_admin }),
    (server) => createThroughServer(server, input),
  );
  console.log(`Created ${user.is_admin ? "admin" : "user"} "${user.username}". Sign-in is on for every page and API call.`);
  return 0;
}
