import Link from "next/link";
import { pagePrincipal } from "@/lib/pages/page-access";
import { SignOutButton } from "./sign-out-button";

/** The header's right end: local mode and how to leave it, or who is signed in. */
export async function AccountMenu() {
  const principal = await pagePrincipal();
  if (principal.kind === "local") {
    return (
      <Link href="/setup" className="ml-auto text-xs text-slate-500 hover:text-slate-900" title="No sign-in: answers on this machine only">
        Local mode · set up accounts
      </Link>
    );
  }
  if (principal.kind !== "user") return null;
  return (
    <div className="ml-auto flex items-center gap-4 text-sm">
      {principal.user.is_admin && (
        <Link href="/admin/users" className="text-slate-600 hover:text-slate-900">
          Users
        </Link>
      )}
      <span className="text-slate-500" data-testid="signed-in-user">
        {principal.user.username}
      </span>
      <SignOutButton />
    </div>
  );
}
