import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireSignedIn } from "@/lib/pages/page-access";
import { listUsers } from "@/lib/accounts/server/users";
import { UsersAdmin } from "./_components/users-admin";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const principal = await requireSignedIn("/admin/users");
  if (!(principal.kind === "local" || (principal.kind === "user" && principal.user.is_admin))) notFound();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Users</h1>
      <UsersAdmin initialUsers={await listUsers()} selfId={principal.kind === "user" ? principal.user.id : null} />
    </section>
  );
}
