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
          <main className="mx-auto max-w-7xl px-6 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
