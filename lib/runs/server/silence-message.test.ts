import { describe, expect, it } from "vitest";
import { buildSilenceMessage } from "./silence-message";

describe("buildSilenceMessage", () => {
  it("names the run, project, last time seen and link, escaping Slack's control characters", () => {
    const message = buildSilenceMessage({
      project: "p&q",
      runId: "r1",
      runName: "<!channel>",
      lastSeenAt: "2026-01-01T00:00:00.000Z",
      silentForS: 420,
      link: "http://127.0.0.1:3000/p/p%26q/runs/r1",
    });
    expect(message.text).toBe("[stale] p&amp;q/&lt;!channel&gt;: no data or heartbeat for 7 min (last seen 2026-01-01T00:00:00.000Z) — http://127.0.0.1:3000/p/p%26q/runs/r1");
    expect(message.prefscope).toEqual({
      event: "run_silent",
      run_id: "r1",
      run_name: "<!channel>",
      project: "p&q",
      last_seen_at: "2026-01-01T00:00:00.000Z",
      link: "http://127.0.0.1:3000/p/p%26q/runs/r1",
    });
  });
});
