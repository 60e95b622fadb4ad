"""Logs one run with the Python client from a JSON file the fault tests write (see fault-clients.ts).

Exits 0 when finish() saw everything delivered, 1 when it did not. Before logging step `gateStep` it prints
"at-gate" and waits for a line on stdin: the test's barrier, so the run is mid-way when the test injects its fault.
It also pauses while logging so the rest spans the fault; the client's own backoff and batch ids do the rest.
"""

import json
import logging
import sys
import time

import prefscope

logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")


def main(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        job = json.load(f)
    run = prefscope.init(
        project=job["project"],
        name=job["name"],
        id=job["id"],
        url=job["url"],
        api_key=job["apiKey"],
        algorithm="dpo",
        config=job["config"],
        spool_dir=job["spoolDir"],
        settings={"flush_interval": 0.2, "max_metric_rows": 250, "backoff_base": 0.1, "backoff_cap": 1.0, "retry_window": 300.0},
    )
    pairs_at = {}
    for row in job["sequences"]:
        pairs_at.setdefault(row["step"], []).append(row)
    every, pause = job["every"], job["pauseMs"] / 1000
    for row in job["metrics"]:
        step = row["step"]
        if step == job["gateStep"]:
            print("at-gate", flush=True)
            sys.stdin.readline()
        run.log(row["values"], step=step)
        pairs = pairs_at.get(step)
        if pairs:
            column = lambda field: [p[field] for p in pairs]  # noqa: E731
            run.log_sequences(
                step,
                column("pair_id"),
                logp_chosen=column("logp_chosen"),
                logp_rejected=column("logp_rejected"),
                ref_logp_chosen=column("ref_logp_chosen"),
                ref_logp_rejected=column("ref_logp_rejected"),
                len_chosen=column("len_chosen"),
                len_rejected=column("len_rejected"),
            )
        if step % every == every - 1:
            time.sleep(pause)
    delivered = run.finish(timeout=job["finishTimeoutMs"] / 1000)
    print(json.dumps({"delivered": delivered}))
    return 0 if delivered else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
