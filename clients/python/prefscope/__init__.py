"""PrefScope's Python client: log DPO-family training runs to a PrefScope server.

import prefscope
run = prefscope.init(project="dpo", name="beta-0.1", config={"beta": 0.1}, algorithm="dpo")
run.log({"loss": 0.69, "rewards/margins": 0.0}, step=0)
run.log_sequences(step=0, pair_ids=ids, logp_chosen=pw, logp_rejected=pl,
                  ref_logp_chosen=rw, ref_logp_rejected=rl)
run.finish()
"""

from ._version import __version__
from .run import Run, init
from .settings import Settings

__all__ = ["Run", "Settings", "init", "__version__"]
