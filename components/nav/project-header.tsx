import type { ReactNode } from "react";
import { ProjectTabs } from "./project-tabs";

/** A project view's title row and tabs. */
export function ProjectHeader({ project, current, aside }: { project: string; current: Parameters<typeof ProjectTabs>[0]["current"]; aside?: ReactNode }) {
  return (
    <>
      <div className="flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold">{project}</h1>
        {aside && <span className="text-sm text-slate-600">{aside}</span>}
      </div>
      <ProjectTabs project={project} current={current} />
    </>
  );
}
