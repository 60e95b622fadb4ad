import { AppError } from "../core/errors";

/**
 * A query the parser cannot accept. It is an `AppError` (422, path `q`) so a handler that lets it through answers
 * with the message; `offset` is the 0-based character position the UI underlines.
 */
export class RunQueryError extends AppError {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super("invalid_body", `${reason} at ${offset}`, ["q"]);
    this.name = "RunQueryError";
  }
}
