import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";
import { Providers } from "./providers";
import { AccountMenu } from "@/components/nav/account-menu";

export const metadata: Metadata = {
  title: { default: "PrefScope", template: "%s · PrefScope" },
  description: "Experiment tracking for preference optimisation, with DPO's 3D-property diagnostics",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a href="#main" className="sr-only rounded bg-blue-700 px-3 py-2 text-white focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50">
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          <nav className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
            <Link href="/" className="text-lg font-semibold tracking-tight">
              Pref<span className="text-blue-600">Scope</span>
            </Link>
            <Link href="/" className="text-sm text-slate-600 hover:text-slate-900">
              Projects
            </Link>
            <Link href="/lab" className="text-sm text-slate-600 hover:text-slate-900">
              Toy-model lab
            </Link>
            <AccountMenu />
          </nav>
        </header>
        <Providers>
          <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-6 py-6 outline-none">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
