"""PrefScope's Python client: log DPO-family training runs to a PrefScope server.

import prefscope
run = prefscope.init(project="dpo", name="beta-0.1", config={"beta": 0.1}, algorithm="dpo")
run.log({"loss": 0.69, "rewards/margins": 0.0}, step=0)
run.log_sequences(step=0, pair_ids=ids, logp_chosen=pw, logp_rejected=pl,
                  ref_logp_chosen=rw, ref_logp_rejected=rl)
run.update(group="beta-sweep", notes="lr warmup 100 steps", tags=["baseline"])
run.finish()
prefscope.edit_runs([run.id, other_id], add_tags=["reviewed"])  # many runs at once, all or nothing
"""

from ._version import __version__
from .edits import ApiError, edit_runs
from .run import Run, init
from .settings import Settings

__all__ = ["ApiError", "Run", "Settings", "edit_runs", "init", "__version__"]
