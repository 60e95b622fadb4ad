import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { pagePrincipal } from "@/lib/pages/page-access";
import { safeNextPath } from "@/lib/accounts/safe-next";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  const principal = await pagePrincipal();
  if (principal.kind === "local") redirect("/setup");
  if (principal.kind === "user") redirect(next);
  return (
    <section className="mx-auto mt-12 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-4 text-xl font-semibold">Sign in to PrefScope</h1>
      <CredentialsForm action="/api/v1/auth/login" submitLabel="Sign in" next={next} />
    </section>
  );
}
