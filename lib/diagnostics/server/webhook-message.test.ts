import { describe, expect, it } from "vitest";
import { buildFlagMessage, escapeMrkdwn } from "./webhook-message";

const announcement = {
  project: "p&q",
  runId: "r1",
  runName: "<!channel> <https://evil.example|click me> & co",
  property: "drastic_drop",
  severity: "warning",
  firstStep: 12,
  evidence: { drop_ratio: 4.123456, note: "<!here>" },
  link: "http://127.0.0.1:3000/p/p%26q/runs/r1",
};

describe("escapeMrkdwn", () => {
  it("escapes exactly Slack's three control characters", () => {
    expect(escapeMrkdwn("a & b < c > d | *e* _f_")).toBe("a &amp; b &lt; c &gt; d | *e* _f_");
    expect(escapeMrkdwn("&amp;")).toBe("&amp;amp;");
  });
});

describe("buildFlagMessage", () => {
  const message = buildFlagMessage(announcement);
  const mrkdwn = [message.text, ...message.blocks.map((b) => b.text.text)];

  it("puts no user text into Slack's control sequences", () => {
    for (const text of mrkdwn) {
      expect(text).not.toContain("<!channel>");
      expect(text).not.toContain("<!here>");
      expect(text).not.toContain("<https://evil.example");
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    // The one link is the run's own, labelled with the escaped names.
    expect(message.blocks[0]!.text.text).toBe(
      "*Drastic drop of the rejected log-prob* (warning) in <http://127.0.0.1:3000/p/p%26q/runs/r1|p&amp;q / &lt;!channel&gt; &lt;https://evil.example|click me&gt; &amp; co> from step 12",
    );
    expect(message.blocks[1]!.text.text).toContain("• note: &lt;!here&gt;");
  });

  it("keeps the raw values for receivers that are not Slack", () => {
    expect(message.prefscope).toMatchObject({ run_name: announcement.runName, project: "p&q", evidence: { note: "<!here>" } });
  });
});

describe("buildFlagMessage for the training-health flags", () => {
  it("titles them in words and lists their evidence", () => {
    const nonFinite = buildFlagMessage({ ...announcement, property: "non_finite", severity: "critical", evidence: { count: 3, keys: "loss, logps/chosen", first_key: "loss" } });
    expect(nonFinite.text).toContain("Non-finite values (NaN/Infinity)");
    expect(nonFinite.blocks[1]!.text.text).toContain("• keys: loss, logps/chosen");
    expect(nonFinite.prefscope).toMatchObject({ property: "non_finite", severity: "critical" });
    expect(buildFlagMessage({ ...announcement, property: "loss_spike" }).text).toContain("Loss spike");
  });
});
