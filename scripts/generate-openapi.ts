// Writes docs/openapi.json from the contracts' zod schemas: `npm run docs:openapi`. A unit test
// (lib/openapi/openapi.test.ts) fails when the committed file differs from what this writes.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openApiText } from "../lib/openapi/document";

const target = fileURLToPath(new URL("../docs/openapi.json", import.meta.url));
writeFileSync(target, openApiText());
console.log(`wrote ${target}`);
