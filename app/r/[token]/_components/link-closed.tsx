const MESSAGES = {
  revoked: { title: "This link was revoked", detail: "Whoever shared this report withdrew the link. Ask them for a new one." },
  expired: { title: "This link has expired", detail: "The link was shared for a limited time, which is over. Ask for a new one." },
  unknown: { title: "This share link does not exist", detail: "Check that the whole link was copied." },
} as const;

/** What a refused link shows: why, and no data. */
export function LinkClosed({ reason }: { reason: keyof typeof MESSAGES }) {
  const { title, detail } = MESSAGES[reason];
  return (
    <section className="mx-auto mt-16 max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm" data-testid="link-closed" data-reason={reason}>
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-600">{detail}</p>
    </section>
  );
}
