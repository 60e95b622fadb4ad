import { sql, type SQL } from "drizzle-orm";

/*
 * PGlite decodes text off its wire with a TextDecoder that drops a leading U+FEFF, so a metric named "\ufeffloss"
 * would read back as "loss" (and then not be found by its own name). User text that names things is read as its
 * UTF-8 bytes instead and decoded here, keeping every character, on either database.
 */
export const asTextBytes = (column: SQL) => sql`convert_to(${column}, 'UTF8')`;

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** A column read through `asTextBytes`, as the string it holds. */
export function fromTextBytes(value: Uint8Array | string): string {
  return typeof value === "string" ? value : decoder.decode(value);
}
