import { formatConfigValue } from "@/lib/core/view/format";

/** A run's config as a key/value table. */
export function ConfigTable({ config }: { config: Record<string, unknown> }) {
  const entries = Object.entries(config);
  return (
    <section aria-labelledby="config-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="config-heading" className="mb-2 text-lg font-semibold">
        Config
      </h2>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">No config logged.</p>
      ) : (
        <table className="text-sm" data-testid="run-config">
          <tbody>
            {entries.map(([key, value]) => (
              <tr key={key}>
                <td className="pr-6 font-mono text-slate-600">{key}</td>
                <td className="font-mono">{formatConfigValue(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
