import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { pagePrincipal } from "@/lib/pages/page-access";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up accounts" };

export default async function SetupPage() {
  const principal = await pagePrincipal();
  if (principal.kind !== "local") redirect("/login");
  return (
    <section className="mx-auto mt-12 max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-2 text-xl font-semibold">Set up accounts</h1>
      <p className="mb-4 text-sm text-slate-600">
        PrefScope is in local mode: it answers only on this machine, without sign-in. Create the first admin to turn sign-in on for every page and API call; then add your team
        under Users and give them roles in each project. To serve others, restart with <code className="rounded bg-slate-100 px-1">HOST=0.0.0.0</code>.
      </p>
      <CredentialsForm action="/api/v1/auth/setup" submitLabel="Create admin and sign in" next="/" newPassword />
    </section>
  );
}
