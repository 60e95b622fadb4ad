import type { ReactNode } from "react";

/**
 * Shared pages sit inside the root layout, whose header links into the dashboard. Someone holding a share link
 * gets the report and nothing else, so the header is hidden here (until the dashboard gets its own route group).
 */
export default function SharedLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <style>{"body > header { display: none; }"}</style>
      {children}
    </>
  );
}
