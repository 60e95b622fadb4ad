"use client";

import { useRef, useState } from "react";

/** A new link, shown this once: only its hash is stored, so it cannot be shown again. */
export function NewShareLink({ url, onDismiss }: { url: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  const code = useRef<HTMLElement>(null);
  const copy = async () => {
    // The clipboard API exists only in secure contexts (https, localhost); elsewhere select the text to copy by hand.
    const done = await navigator.clipboard?.writeText(url).then(
      () => true,
      () => false,
    );
    if (done) setCopied(true);
    else if (code.current) window.getSelection()?.selectAllChildren(code.current);
  };
  return (
    <div className="mt-2 rounded border border-amber-300 bg-amber-50 p-3" role="status">
      <p>Copy this link now; it is not shown again. Anyone with it can read this report.</p>
      <div className="mt-1 flex items-center gap-2">
        <code ref={code} data-testid="new-share-link" className="select-all break-all font-mono">
          {url}
        </code>
        <button type="button" onClick={copy} className="rounded border border-amber-400 bg-white px-2 py-0.5 hover:bg-amber-100">
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" onClick={onDismiss} className="ml-auto text-slate-600 hover:text-slate-900">
          Done
        </button>
      </div>
    </div>
  );
}
