// Each command's code is imported when it runs: `prefscope --help` or one command never loads the others (nor the
// database stack most of them need), so the CLI starts in the time node and tsx take.

const USAGE = `Usage: prefscope <command> [options]

Commands:
  keys create --project NAME [--name NAME] [--read-only]   print a new API key (creates the project)
  keys list --project NAME                                  list a project's keys
  users create --username NAME [--admin] [--password-stdin] a user who signs in; the first one turns sign-in on
  users list                                                everyone who can sign in
  import PATH --project NAME [--name RUN] [--config JSON]   import trainer_state.json, TensorBoard event
                                                            files, JSONL or CSV (a file or a directory);
      [--progress|--no-progress] [--step-key KEY]           progress on stderr (default: when it is a terminal);
                                                            the JSONL key / CSV column holding the step
  watch DIR... --project NAME [--interval 2] [--idle-finish S]  follow TensorBoard dirs, trainer_state.json,
                                                            JSONL and CSV logs as training writes them (live runs)
  runs archive|restore ID | runs delete ID --yes            hide a run from lists, bring it back, or delete it
  projects archive|restore NAME | projects delete NAME --yes    the same for a project (delete: all its runs too)
  migrate                                                   apply database migrations
  toy --scenario 1 --algorithm dpo --beta 0.1 --steps 500 [--project demo]
      [--beta-w B --beta-l B --alpha A --tau T --seed N --name RUN]   the paper's toy model, logged as a run
  sync [DIR] [--url URL] [--api-key KEY]                    upload spooled runs (default ./.prefscope-spool)

The database is DATABASE_URL's Postgres server when set, else the embedded one in PREFSCOPE_DATA_DIR
(default ./.prefscope/db). While a PrefScope server holds the embedded database, commands go through it.`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  keys: async (args) => (await import("./keys")).runKeysCommand(args),
  migrate: async () => (await import("./migrate")).runMigrateCommand(),
  users: async (args) => (await import("./users")).runUsersCommand(args),
  toy: async (args) => (await import("./toy")).runToyCommand(args),
  sync: async (args) => (await import("./sync")).runSyncCommand(args),
  import: async (args) => (await import("./import")).runImportCommand(args),
  watch: async (args) => (await import("./watch")).runWatchCommand(args),
  runs: async (args) => (await import("./lifecycle")).runRunsCommand(args),
  projects: async (args) => (await import("./lifecycle")).runProjectsCommand(args),
};

/** The usage lines of one command: its line in USAGE and the indented ones under it. */
function commandUsage(command: string): string {
  const lines = USAGE.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`  ${command} `) || line.includes(` | ${command} `));
  const end = lines.findIndex((line, i) => i > start && (line === "" || (/^ {2}\S/.test(line) && !line.startsWith(`  ${command} `))));
  return ["Usage: prefscope <command> [options]", "", ...lines.slice(start, end)].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const run = command ? COMMANDS[command] : undefined;
  if (!run) {
    console.log(USAGE);
    return command && command !== "help" && command !== "--help" ? 2 : 0;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(commandUsage(command!));
    return 0;
  }
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`prefscope: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
