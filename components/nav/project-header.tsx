import type { ReactNode } from "react";
import { SaveReportButton } from "@/components/reports/save-report-button";
import { ProjectTabs } from "./project-tabs";

/** A project view's title row (with "Save as report" for the view as it is now) and the project's tabs. */
export function ProjectHeader({
  project,
  current,
  title,
  aside,
  reportTitle,
}: {
  project: string;
  current: Parameters<typeof ProjectTabs>[0]["current"];
  title?: ReactNode;
  aside?: ReactNode;
  /** Offer to save this view as a report, with this default title. */
  reportTitle?: string;
}) {
  return (
    <>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">{title ?? project}</h1>
        {aside && <span className="text-sm text-slate-600">{aside}</span>}
        {reportTitle !== undefined && <SaveReportButton project={project} defaultTitle={reportTitle} className="ml-auto" />}
      </div>
      <ProjectTabs project={project} current={current} />
    </>
  );
}
