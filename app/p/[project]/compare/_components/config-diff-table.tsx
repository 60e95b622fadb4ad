"use client";

import { ConfigDiffView, type ConfigRun } from "./config-diff-view";
import { useUrlParam } from "./use-url-state";

/** The runs' configs side by side: by default only the keys they disagree on (`?config=all` shows every key). */
export function ConfigDiffTable({ runs }: { runs: ConfigRun[] }) {
  const [param, setParam] = useUrlParam("config");
  const showAll = param === "all";
  return (
    <ConfigDiffView
      runs={runs}
      showAll={showAll}
      toggle={
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={showAll} onChange={(e) => setParam(e.target.checked ? "all" : null)} /> show all keys
        </label>
      }
    />
  );
}
