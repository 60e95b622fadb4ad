import { toErrorResponse } from "../errors";
import { drainUnreadBody } from "./read-body";

/**
 * Wraps a route handler so every thrown error becomes the API's error body. A body the route never read (a request
 * refused before its body: wrong key, unknown run, rate limit) is read to its end before the answer goes out.
 */
export function handle<C>(fn: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    let response: Response;
    try {
      response = await fn(request, context);
    } catch (error) {
      response = toErrorResponse(error);
    }
    await drainUnreadBody(request);
    return response;
  };
}

export type IdContext = { params: Promise<{ id: string }> };
