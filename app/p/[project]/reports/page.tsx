import { notFound } from "next/navigation";
import { ProjectTabs } from "@/components/nav/project-tabs";
import { findProjectByName } from "@/lib/services/projects";
import { listReports } from "@/lib/services/reports";
import { ReportsList } from "./_components/reports-list";

export const dynamic = "force-dynamic";

export default async function ReportsPage({ params }: { params: Promise<{ project: string }> }) {
  const name = decodeURIComponent((await params).project);
  if (!(await findProjectByName({ name }))) notFound();
  const reports = await listReports({ project: name });
  return (
    <section className="space-y-6">
      <div className="flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold">{name}</h1>
        <span className="text-sm text-slate-600">{reports.length} reports</span>
      </div>
      <ProjectTabs project={name} current="/reports" />
      <ReportsList project={name} initialReports={reports} />
    </section>
  );
}
