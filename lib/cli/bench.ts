export async function runBenchCommand(_args: string[]): Promise<number> { console.log("todo"); return 0; }
