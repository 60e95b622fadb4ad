import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { connectWithoutNagle } from "../lib/core/db";
import { numberArrayLiteral } from "../lib/core/db/pg-arrays";

// Where ingest's time goes on a server, measured without the app: the same rows, in the app's batch shape
// (10,000 rows a statement, two senders each on a run of its own), into a table partitioned like `metrics`
// (hash on run_id, 16 ways) with its primary key, by COPY and by the INSERT … SELECT FROM unnest(…) that ingest
// runs. Neither keeps rollups or key summaries. The gap between the one-statement COPY baselines and these is
// what batching and partitioning cost any writer; the gap between these and HTTP ingest is the app's own.

const TABLE = `create table bench_batched (run_id uuid not null, key_id int not null, step bigint not null,
  value double precision not null, wall_time double precision not null, primary key (run_id, key_id, step)) partition by hash (run_id)`;

const partitions = () =>
  `do $$ begin for i in 0..15 loop execute format('create table %I partition of bench_batched for values with (modulus 16, remainder %s)', 'bench_batched_p' || i, i); end loop; end $$`;

export type BatchMode = "copy" | "insert";

/** One sender's batches: key, step, value columns for rows `from`…`from + count` of its run. */
function columns(from: number, count: number, keys: number) {
  const keyIds: number[] = [];
  const steps: number[] = [];
  const values: number[] = [];
  for (let i = from; i < from + count; i++) {
    keyIds.push(i % keys);
    steps.push(Math.floor(i / keys));
    values.push(Math.sin(i));
  }
  return { keyIds, steps, values };
}

/** Rows/s for `rows` rows sent as statements of `batch` rows by `senders` connections at once, one run each. */
export async function batchedRate(url: string, options: { rows: number; keys: number; batch: number; senders: number; mode: BatchMode }): Promise<number> {
  const { rows, keys, batch, senders, mode } = options;
  const sql = postgres(url, { max: senders, onnotice: () => {}, ...({ socket: connectWithoutNagle } as object) });
  try {
    await sql.unsafe("drop table if exists bench_batched");
    await sql.unsafe(TABLE);
    await sql.unsafe(partitions());
    const perSender = Math.floor(rows / senders / batch) * batch;
    // Statements built before the clock starts, as the HTTP bench builds its bodies first.
    const work = Array.from({ length: senders }, (_, s) => {
      const run = `00000000-0000-4000-8000-${String(s + 1).padStart(12, "0")}`;
      return Array.from({ length: perSender / batch }, (_, b) => {
        const c = columns(b * batch, batch, keys);
        if (mode === "copy") return { run, csv: c.keyIds.map((k, i) => `${run},${k},${c.steps[i]},${c.values[i]},1700000000`).join("\n") + "\n" };
        return { run, arrays: [numberArrayLiteral(c.keyIds), numberArrayLiteral(c.steps), numberArrayLiteral(c.values)] as const };
      });
    });
    const started = performance.now();
    await Promise.all(
      work.map((statements) =>
        sql.reserve().then(async (connection) => {
          try {
            for (const s of statements) {
              if ("csv" in s) await pipeline(Readable.from([s.csv]), await connection.unsafe("copy bench_batched from stdin with (format csv)").writable());
              else
                await connection.unsafe(
                  `insert into bench_batched (run_id, key_id, step, value, wall_time) select $1, t.key_id, t.step, t.value, 1700000000
                   from unnest($2::int[], $3::int8[], $4::float8[]) as t(key_id, step, value)`,
                  [s.run, ...s.arrays],
                );
            }
          } finally {
            connection.release();
          }
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    await sql.unsafe("drop table bench_batched");
    return (perSender * senders) / seconds;
  } finally {
    await sql.end();
  }
}
