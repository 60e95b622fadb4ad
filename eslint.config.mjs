import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

// The folders' direction (see LAYOUT): what runs in the browser or only shapes data never reaches SQL, and page
// loaders sit on top of the domains, never under them.
const SERVER = "./lib/*/server/**";
const boundaries = [
  {
    target: ["./lib/*/view/**", "./lib/*/contract.ts"],
    from: SERVER,
    message: "view/ and contract.ts stay pure: they may be bundled for the browser and must not pull in SQL or server-only code.",
  },
  {
    target: ["./lib/*/hooks.ts", "./components/**"],
    from: SERVER,
    message: "Browser code (hooks, shared components) reaches the server over HTTP, not by importing server/.",
  },
  {
    target: "./lib/!(pages)/**",
    from: "./lib/pages/**",
    message: "Page loaders sit on top of the domains; a domain or core module never imports lib/pages.",
  },
];

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
    files: ["lib/**", "app/**", "components/**", "clients/ts/**"],
    // Packages are not part of any cycle of ours; parsing them (pglite's bundle overflows the parser) only costs time.
    settings: { "import/ignore": ["node_modules"] },
    rules: { "import/no-restricted-paths": ["error", { zones: boundaries }] },
  },
  {
    // A cycle makes module order (and so what is undefined at load time) depend on which file is imported first.
    // The rule parses every module it reaches (maxDepth does not lower that cost), so it runs on lib/ and the
    // client, where modules import each other; app/ and components/ import lib/ and nothing there imports them back.
    files: ["lib/**", "clients/ts/**"],
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // Settings come from lib/core/config.ts, the one place that reads the environment (parsed, defaulted, documented
    // in README's table). Tests, scripts and benchmarks set up or pass on environments, and root config files and
    // bin/ run as plain Node before anything is built: those may read it.
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    ignores: ["lib/core/config.ts", "tests/**", "scripts/**", "bench/**", "bin/**", "**/*.test.ts", "*.config.{ts,mjs,js,cjs}"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read settings with setting() or readConfig() from lib/core/config.ts (add the variable to its schema)." },
      ],
      // As a syntax rule, so that it cannot clash with a no-restricted-imports list elsewhere in this file.
      "no-restricted-syntax": [
        "error",
        { selector: "ImportDeclaration[source.value=/^(node:)?process$/] ImportSpecifier[imported.name='env']", message: "Read settings from lib/core/config.ts." },
      ],
    },
  },
  {
    // Tests read loosely typed JSON responses; `any` there is honest.
    files: ["tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", ".prefscope/**", "drizzle/**", "next-env.d.ts", "clients/python/**", "tests/.artifacts/**", "public/vendor/**"],
  },
];

export default config;
