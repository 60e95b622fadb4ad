import Link from "next/link";
import { listVisibleProjects, requireSignedIn } from "@/lib/pages/page-access";
import { NewProjectForm } from "./_components/new-project-form";

export const dynamic = "force-dynamic";

export default async function HomePage({ searchParams }: { searchParams: Promise<{ archived?: string }> }) {
  const principal = await requireSignedIn("/");
  const showArchived = (await searchParams).archived === "include";
  const projects = await listVisibleProjects(principal, showArchived ? "include" : "exclude");
  const mayCreate = principal.kind === "local" || (principal.kind === "user" && principal.user.is_admin);
  return (
    <section>
      <div className="mb-4 flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">Projects</h1>
        {mayCreate && <NewProjectForm />}
        <Link href={showArchived ? "/" : "/?archived=include"} className="ml-auto text-sm text-blue-700 hover:underline" data-testid="toggle-archived-projects">
          {showArchived ? "Hide archived projects" : "Show archived projects"}
        </Link>
      </div>
      {projects.length === 0 ? (
        <p className="text-slate-600">
          No projects yet. Create a key with <code className="rounded bg-slate-100 px-1">npx prefscope keys create --project NAME</code> and log a run.
        </p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {projects.map((p) => (
            <li key={p.name}>
              <Link href={`/p/${encodeURIComponent(p.name)}`} className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition hover:border-blue-400">
                <div className="font-medium">
                  {p.name}
                  {p.archived_at && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800">archived</span>}
                </div>
                <div className="mt-1 text-sm text-slate-600">
                  {p.run_count} runs{p.running_count ? ` · ${p.running_count} running` : ""}
                </div>
                {p.last_activity && <div className="mt-1 text-xs text-slate-500">last activity {p.last_activity.slice(0, 16)}</div>}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
