import type { PairTextsResponse } from "@/lib/pairs/contract";

/** A pair's prompt, chosen and rejected text, each scrollable; or a line saying none were sent. */
export function PairTextsView({ texts, testIdPrefix }: { texts: PairTextsResponse | null | undefined; testIdPrefix?: string }) {
  if (!texts) return <p className="text-slate-500">No texts were sent for this pair (POST /api/v1/runs/{"{id}"}/pairs).</p>;
  return (
    <>
      {(["prompt", "chosen", "rejected"] as const).map((k) => (
        <div key={k}>
          <div className="text-xs font-medium uppercase text-slate-500">{k}</div>
          <pre className="max-h-48 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 font-sans" data-testid={testIdPrefix ? `${testIdPrefix}-${k}` : undefined}>
            {texts[k]}
          </pre>
        </div>
      ))}
    </>
  );
}
