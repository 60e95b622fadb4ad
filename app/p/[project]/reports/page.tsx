import { notFound } from "next/navigation";
import { ProjectHeader } from "@/components/nav/project-header";
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
      <ProjectHeader project={name} current="/reports" aside={<>{reports.length} reports</>} />
      <ReportsList project={name} initialReports={reports} />
    </section>
  );
}
