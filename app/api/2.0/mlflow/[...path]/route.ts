import { answerMlflow } from "@/lib/mlflow/server/endpoints";

type PathContext = { params: Promise<{ path: string[] }> };

// GET|POST /api/2.0/mlflow/* — MLflow's tracking REST API (experiments, runs, metrics), dispatched by path in
// lib/mlflow/server/endpoints.ts; docs/mlflow.md lists the endpoints.
async function route(request: Request, { params }: PathContext): Promise<Response> {
  return answerMlflow(request, (await params).path.join("/"));
}

export const GET = route;
export const POST = route;
export const PUT = route;
export const PATCH = route;
export const DELETE = route;
