import Link from "next/link";

/** Any address with nothing behind it: an unknown project, a run id that names no run (or names another project's). */
export default function NotFound() {
  return (
    <section className="max-w-xl space-y-3 py-8" data-testid="not-found">
      <h1 className="text-2xl font-semibold">Nothing here</h1>
      <p className="text-slate-700">No project, run or page answers at this address. It may have been deleted or moved to another project, or the link may be mistyped.</p>
      <Link href="/" className="inline-block text-blue-700 hover:underline">
        ← All projects
      </Link>
    </section>
  );
}
