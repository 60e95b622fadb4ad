import { ProjectHeader } from "@/components/nav/project-header";
import { listReports } from "@/lib/reports/server/reports";
import { ReportsList } from "./_components/reports-list";
import { requireProjectPage } from "@/lib/pages/page-access";

export const dynamic = "force-dynamic";

export default async function ReportsPage({ params }: { params: Promise<{ project: string }> }) {
  const name = decodeURIComponent((await params).project);
  await requireProjectPage(name, `/p/${encodeURIComponent(name)}/reports`);
  const reports = await listReports({ project: name });
  return (
    <section className="space-y-6">
      <ProjectHeader project={name} current="/reports" aside={<>{reports.length} reports</>} />
      <ReportsList project={name} initialReports={reports} />
    </section>
  );
}
