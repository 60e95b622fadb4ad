import { localToken } from "@/lib/core/boot";
import { sameSecret } from "@/lib/core/http/same-secret";

/** The local CLI, presenting the token this server wrote into the embedded database's lock file. */
export function isLocalCli(request: Pick<Request, "headers">): boolean {
  const token = localToken();
  return Boolean(token) && sameSecret(request.headers.get("x-prefscope-local-token") ?? "", token!);
}
