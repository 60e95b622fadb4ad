import { toErrorResponse } from "../errors";

/** Wraps a route handler so every thrown error becomes the API's error body. */
export function handle<C>(fn: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      return await fn(request, context);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

export type IdContext = { params: Promise<{ id: string }> };
