"""PrefScopeCallback fed with a real Trainer's log_history, and log_dpo_batch with TRL's names."""

import json
import math
import unittest
from types import SimpleNamespace

import prefscope
from prefscope.integrations import PrefScopeCallback, dpo_log_grads, log_dpo_batch

from .fakes import FakeTensor
from .support import FIXTURES, create_key, read_run, read_sequences, read_series, shared_server

PROJECT = "py-trl"
TRAINER_STATE = FIXTURES / "transformers-trainer" / "trainer_state.json"


def setUpModule():
    global SERVER, KEY
    SERVER = shared_server()
    KEY = create_key(SERVER.url, PROJECT)


class DPOConfig:
    """What TRL's DPOConfig shows a callback: TrainingArguments fields plus beta and loss_type."""

    def __init__(self, **fields):
        self.__dict__.update(fields)

    def to_dict(self):
        return {**self.__dict__, "hub_token": "<HUB_TOKEN>"}


class CallbackTest(unittest.TestCase):
    def test_every_log_history_row_reaches_the_server(self):
        log_history = json.loads(TRAINER_STATE.read_text())["log_history"]
        args = DPOConfig(
            run_name="fixture-dpo",
            output_dir="out",
            learning_rate=1e-4,
            beta=0.1,
            loss_type="sigmoid",
            rpo_alpha=None,
            logging_steps=5,
            seed=42,
        )
        state = SimpleNamespace(global_step=0, is_world_process_zero=True, log_history=[])
        control = SimpleNamespace()
        model = SimpleNamespace(config=SimpleNamespace(_name_or_path="tiny-gpt"))
        callback = PrefScopeCallback(project=PROJECT, url=SERVER.url, api_key=KEY, tags=["fixture"])

        callback.on_init_end(args, state, control)
        callback.on_train_begin(args, state, control, model=model)
        at = log_history[9]  # an eval row shares the step (and epoch) of the train row logged before it
        eval_row = {
            "eval_loss": 0.61,
            "eval_rewards/accuracies": 0.7,
            "eval_logps/chosen": -3.5,
            "epoch": at["epoch"],
            "step": at["step"],
        }
        for row in log_history[:10] + [eval_row] + log_history[10:]:
            state.global_step = row["step"]
            callback.on_step_end(args, state, control)
            # The Trainer appends {**logs, "step": global_step} to log_history and passes logs without the step.
            callback.on_log(args, state, control, logs={k: v for k, v in row.items() if k != "step"}, model=model)
        callback.on_train_end(args, state, control, model=model)

        run_id = callback.run.id
        series = {key: dict(points) for key, points in read_series(SERVER.url, run_id).items()}
        checked = 0
        for row in log_history + [eval_row]:
            for key, value in row.items():
                if key != "step":
                    self.assertEqual(series[key][row["step"]], value, (key, row["step"]))
                    checked += 1
        self.assertGreater(checked, 400)
        self.assertEqual(len(series["loss"]), 40)
        info = read_run(SERVER.url, run_id)
        self.assertEqual(
            (info["name"], info["algorithm"], info["status"], info["tags"]),
            ("fixture-dpo", "dpo", "finished", ["fixture"]),
        )
        self.assertEqual(
            {k: info["config"][k] for k in ("beta", "loss_type", "learning_rate", "model")},
            {"beta": 0.1, "loss_type": "sigmoid", "learning_rate": 1e-4, "model": "tiny-gpt"},
        )
        self.assertEqual(info["summary"]["train_loss"], log_history[-1]["train_loss"])

    def test_other_processes_log_nothing_and_a_given_run_stays_open(self):
        run = prefscope.init(project=PROJECT, name="given", url=SERVER.url, api_key=KEY)
        callback = PrefScopeCallback(run=run)
        args = DPOConfig(beta=0.1, loss_type="ipo")
        worker = SimpleNamespace(global_step=5, is_world_process_zero=False)
        callback.on_log(args, worker, None, logs={"loss": 9.0})
        main = SimpleNamespace(global_step=5, is_world_process_zero=True)
        callback.on_train_begin(args, main, None)
        callback.on_log(args, main, None, logs={"loss": 1.0})
        callback.on_train_end(args, main, None)
        self.assertEqual(read_run(SERVER.url, run.id)["status"], "running")
        self.assertTrue(run.finish(timeout=30))
        self.assertEqual(read_series(SERVER.url, run.id), {"loss": [(5, 1.0)]})


class LogDpoBatchTest(unittest.TestCase):
    def test_trl_outputs_and_batch_become_per_pair_rows(self):
        run = prefscope.init(project=PROJECT, name="dpo-batch", url=SERVER.url, api_key=KEY)
        outputs = {
            "chosen_logps": FakeTensor([-10.0, -12.0]),
            "rejected_logps": FakeTensor([-15.0, -11.0]),
            "mean_chosen_logits": FakeTensor([0.1]),
        }
        batch = {
            "ref_chosen_logps": FakeTensor([-11.0, -12.5]),
            "ref_rejected_logps": FakeTensor([-14.0, -11.5]),
            "chosen_attention_mask": FakeTensor([[1, 1, 1, 0], [1, 1, 1, 1]]),
            "rejected_attention_mask": FakeTensor([[1, 1, 0, 0], [1, 1, 1, 0]]),
        }
        log_dpo_batch(run, 7, outputs, batch, beta=0.1, pair_ids=FakeTensor([101, 102]))
        with self.assertRaises(ValueError):
            log_dpo_batch(run, 7, outputs)  # no reference log-probs
        self.assertTrue(run.finish(timeout=30))

        rows = read_sequences(SERVER.url, run.id, 7)
        grads = dpo_log_grads([-10.0, -12.0], [-15.0, -11.0], [-11.0, -12.5], [-14.0, -11.5], beta=0.1)
        self.assertEqual(
            [
                (r["pair_id"], r["logp_chosen"], r["ref_logp_rejected"], r["len_chosen"], r["len_rejected"])
                for r in rows
            ],
            [("101", -10, -14, 3, 2), ("102", -12, -11.5, 4, 3)],
        )
        for row, chosen, rejected in zip(rows, *grads):
            self.assertTrue(
                math.isclose(row["log_grad_chosen"], chosen) and math.isclose(row["log_grad_rejected"], rejected)
            )


if __name__ == "__main__":
    unittest.main()
