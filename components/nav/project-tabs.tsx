import Link from "next/link";

const TABS = [
  { href: "", label: "Runs" },
  { href: "/tables", label: "Tables" },
  { href: "/compare", label: "Compare" },
  { href: "/sweeps", label: "β sweeps" },
  { href: "/dpo-vs-rm", label: "DPO vs RM" },
  { href: "/reports", label: "Reports" },
] as const;

/** The project's views; `current` is the tab's path suffix ("" for the runs table). */
export function ProjectTabs({ project, current }: { project: string; current: (typeof TABS)[number]["href"] }) {
  const base = `/p/${encodeURIComponent(project)}`;
  return (
    <nav className="flex gap-1 overflow-x-auto border-b border-slate-200 text-sm" aria-label="Project views">
      {TABS.map((tab) => (
        <Link
          key={tab.href}
          href={`${base}${tab.href}`}
          aria-current={tab.href === current ? "page" : undefined}
          className={`-mb-px shrink-0 whitespace-nowrap border-b-2 px-3 py-2 ${tab.href === current ? "border-blue-600 font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
