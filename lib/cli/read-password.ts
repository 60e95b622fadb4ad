import { createInterface } from "node:readline";

async function firstLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return "";
}

/** Asks without echoing what is typed (a terminal), twice, so a typo does not lock the admin out. */
function prompt(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let typed = "";
    const finish = (then: () => void) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      then();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return finish(() => resolve(typed));
        if (ch === "\u0003") return finish(() => reject(new Error("cancelled")));
        typed = ch === "\u007f" ? typed.slice(0, -1) : typed + ch;
      }
    };
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.setEncoding("utf8");
    stdin.on("data", onData);
    stdin.resume();
  });
}

/** The new user's password: one line of stdin (`--password-stdin`, for scripts) or typed twice at a terminal. */
export async function readPassword({ fromStdin }: { fromStdin: boolean }): Promise<string> {
  if (fromStdin) return firstLine();
  if (!process.stdin.isTTY) throw new Error("No terminal to ask for a password: pipe it in with --password-stdin");
  const password = await prompt("Password: ");
  if ((await prompt("Again: ")) !== password) throw new Error("The passwords differ");
  return password;
}
