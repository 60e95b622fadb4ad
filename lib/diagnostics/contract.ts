import { z } from "zod";
import { text } from "../core/validation/text";
import { FLAG_PROPERTIES } from "./types";

export const flagPropertySchema = z.enum(FLAG_PROPERTIES);

export const readDiagnosticsQuerySchema = z.strictObject({
  split: text().min(1).max(64).default("train"),
});
