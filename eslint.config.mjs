import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      // A delete or update without a where clause wipes every run's data.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
    },
  },
  {
    // Settings come from lib/core/config.ts, the one place that reads the environment (parsed, defaulted, documented
    // in README's table). Tests, scripts and benchmarks set up or pass on environments, and root config files and
    // bin/ run as plain Node before anything is built: those may read it.
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    ignores: ["lib/core/config.ts", "tests/**", "scripts/**", "bench/**", "bin/**", "**/*.test.ts", "*.config.{ts,mjs,js,cjs}"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read settings with setting() or readConfig() from lib/core/config.ts (add the variable to its schema)." }],
      // As a syntax rule, so that it cannot clash with a no-restricted-imports list elsewhere in this file.
      "no-restricted-syntax": ["error", { selector: "ImportDeclaration[source.value=/^(node:)?process$/] ImportSpecifier[imported.name='env']", message: "Read settings from lib/core/config.ts." }],
    },
  },
  {
    // Tests read loosely typed JSON responses; `any` there is honest.
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", ".prefscope/**", "drizzle/**", "next-env.d.ts", "clients/python/**", "tests/.artifacts/**"],
  },
];

export default config;
