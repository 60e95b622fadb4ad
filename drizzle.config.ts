import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: ["./lib/core/db/schema.ts", "./lib/core/db/live-schema.ts", "./lib/core/db/pair-schema.ts"],
  out: "./drizzle",
});
