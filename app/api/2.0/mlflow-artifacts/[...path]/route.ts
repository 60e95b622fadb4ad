import { drainUnreadBody } from "@/lib/core/http/read-body";
import { toMlflowErrorResponse } from "@/lib/mlflow/errors";
import { notSupported } from "@/lib/mlflow/server/endpoints";

// * /api/2.0/mlflow-artifacts/* — MLflow's artifact proxy (uploads, downloads, listings): not supported, in MLflow's error shape.
// The message names the path as sent: MLflow's client shows it in the HTTPError that log_artifact raises.
async function route(request: Request): Promise<Response> {
  const sent = new URL(request.url).pathname.split("/mlflow-artifacts/")[1] ?? "";
  const response = await toMlflowErrorResponse(notSupported(sent, "/api/2.0/mlflow-artifacts/", "artifacts/"));
  await drainUnreadBody(request);
  return response;
}

export const GET = route;
export const POST = route;
export const PUT = route;
export const DELETE = route;
