import Link from "next/link";

/** What a report (or a link to one) shows in place of a run that was deleted since it was saved. */
export function RunDeleted({ project }: { project?: string }) {
  return (
    <section className="mx-auto mt-8 max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm" data-testid="run-deleted">
      <h1 className="text-xl font-semibold">Run deleted</h1>
      <p className="mt-2 text-slate-600">The run this view showed was deleted, with everything logged to it.</p>
      {project && (
        <Link href={`/p/${encodeURIComponent(project)}`} className="mt-3 inline-block text-sm text-blue-700 hover:underline">
          ← {project}
        </Link>
      )}
    </section>
  );
}
