/** A run's group and the notes the team wrote about it, as readers see them (nothing when it has neither). */
export function RunNotes({ group, notes }: { group: string | null; notes?: string }) {
  if (!group && !notes) return null;
  return (
    <div className="mt-2 space-y-1 text-sm" data-testid="run-notes">
      {group && (
        <p className="text-slate-600">
          Group <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-800">{group}</span>
        </p>
      )}
      {notes && <p className="max-w-3xl whitespace-pre-wrap text-slate-800">{notes}</p>}
    </div>
  );
}
