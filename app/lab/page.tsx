import type { Metadata } from "next";
import { parseLabSearchParams } from "@/lib/lab/lab-form";
import { listVisibleProjects, requireSignedIn } from "@/lib/pages/page-access";
import { ToyLab } from "./_components/toy-lab";
import { PlotlyScript } from "@/components/plots/plotly-script";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Toy-model lab" };

export default async function LabPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const initialForm = parseLabSearchParams(await searchParams);
  const principal = await requireSignedIn("/lab");
  const projects = (await listVisibleProjects(principal)).map((p) => p.name);
  return (
    <section className="space-y-5">
      <PlotlyScript />
      <header className="max-w-4xl">
        <h1 className="text-2xl font-semibold">Toy-model lab</h1>
        <p className="mt-1 text-sm text-slate-600">
          The toy model of Section 3.2: four prompts, ten responses (1–4 chosen, 5–8 rejected, 9–10 in no pair), a three-layer MLP on one-hot prompts. Step 1 fits the starting
          distribution you set; step 2 trains with the loss you pick. It runs in your browser, and saving recomputes the same deterministic run on the server.
        </p>
      </header>
      <ToyLab initialForm={initialForm} projects={projects} />
    </section>
  );
}
