"""Encoding, batching ids, backoff and the TRL mappings, without a server."""

import math
import unittest
from types import SimpleNamespace

from prefscope.delivery import Request, backoff_delay
from prefscope.integrations import algorithm_for_args, algorithm_for_loss_type, config_from_args, dpo_log_grads
from prefscope.settings import normalize_url
from prefscope.transport import encode_body
from prefscope.values import encode_number, flatten_metrics, json_safe, to_list

from .fakes import FakeScalar, FakeTensor


class EncodeNumberTest(unittest.TestCase):
    def test_non_finite_values_become_the_api_strings(self):
        self.assertEqual(encode_number(float("nan")), "NaN")
        self.assertEqual(encode_number(float("inf")), "Infinity")
        self.assertEqual(encode_number(-math.inf), "-Infinity")
        self.assertEqual(encode_number(FakeScalar(float("nan"))), "NaN")

    def test_numbers_scalars_and_non_numbers(self):
        self.assertEqual(encode_number(True), 1)
        self.assertEqual(encode_number(3), 3)
        self.assertEqual(encode_number(FakeScalar(0.25)), 0.25)
        self.assertEqual(encode_number(FakeScalar(7)), 7)
        for not_a_number in ("0.5", None, [1.0], {"a": 1}):
            self.assertIsNone(encode_number(not_a_number), not_a_number)

    def test_body_never_holds_a_bare_nan_token(self):
        body = {
            "rows": [{"step": 0, "values": {"x": encode_number(float("nan"))}}],
            "config": json_safe({"b": math.inf}),
        }
        self.assertEqual(encode_body(body), b'{"rows":[{"step":0,"values":{"x":"NaN"}}],"config":{"b":"Infinity"}}')
        with self.assertRaises(ValueError):
            encode_body({"x": float("nan")})

    def test_json_safe_config(self):
        self.assertEqual(
            json_safe({"a": (1, 2), "b": float("-inf"), 3: object.__name__, "t": FakeTensor([1.5])}),
            {"a": [1, 2], "b": "-Infinity", "3": "object", "t": [1.5]},
        )

    def test_nul_characters_never_reach_the_server(self):
        self.assertEqual(json_safe({"a\x00": ["b\x00c", object]}), {"a\ufffd": ["b\ufffdc", "<class 'object'>"]})

    def test_nested_metrics_take_trl_style_names(self):
        self.assertEqual(
            flatten_metrics({"rewards": {"chosen": 1, "rejected": 2}, "loss": 3}),
            {"rewards/chosen": 1, "rewards/rejected": 2, "loss": 3},
        )

    def test_to_list_uses_tolist_and_refuses_nested_or_text(self):
        self.assertEqual(to_list(FakeTensor([1.0, 2.0]), "x"), [1.0, 2.0])
        self.assertEqual(to_list((1, 2), "x"), [1, 2])
        with self.assertRaises(ValueError):
            to_list(FakeTensor([[1.0], [2.0]]), "x")
        with self.assertRaises(TypeError):
            to_list("abc", "x")


class DeliveryTest(unittest.TestCase):
    def test_halves_have_ids_derived_from_the_batch(self):
        request = Request("s-m000003", "metrics", "POST", "/p", {"batch_id": "s-m000003", "rows": [1, 2, 3]})
        first, second = request.halves()
        self.assertEqual((first.id, first.body["batch_id"], first.body["rows"]), ("s-m000003.1", "s-m000003.1", [1]))
        self.assertEqual((second.id, second.body["rows"]), ("s-m000003.2", [2, 3]))
        self.assertEqual([h.id for h in request.halves()], [first.id, second.id])

    def test_backoff_grows_with_jitter_and_honours_retry_after(self):
        delays = [backoff_delay(n, 0.5, 30.0) for n in range(1, 12)]
        for n, delay in enumerate(delays, start=1):
            ceiling = min(30.0, 0.5 * 2 ** (n - 1))
            self.assertTrue(ceiling / 2 <= delay <= ceiling, (n, delay))
        self.assertGreaterEqual(backoff_delay(1, 0.5, 30.0, retry_after=7.0), 7.0)
        self.assertGreater(len({backoff_delay(5, 0.5, 30.0) for _ in range(20)}), 1)

    def test_url_normalisation(self):
        self.assertEqual(normalize_url("http://h:3000/api/v1/"), "http://h:3000")
        self.assertEqual(normalize_url("http://h:3000"), "http://h:3000")


class TrlMappingTest(unittest.TestCase):
    def test_loss_types(self):
        self.assertEqual(algorithm_for_loss_type("sigmoid"), "dpo")
        self.assertEqual(algorithm_for_loss_type("ipo"), "ipo")
        self.assertEqual(algorithm_for_loss_type("hinge"), "slic")
        self.assertEqual(algorithm_for_loss_type("robust"), "robust")
        self.assertEqual(algorithm_for_loss_type(["sigmoid"]), "dpo")
        self.assertEqual(algorithm_for_loss_type(["sigmoid", "sft"]), "dpo_sft")
        self.assertEqual(algorithm_for_loss_type("sigmoid", rpo_alpha=1.0), "dpo_sft")

    def test_config_classes_and_plain_args(self):
        class RewardConfig:
            def to_dict(self):
                return {"learning_rate": 1e-5}

        self.assertEqual(algorithm_for_args(RewardConfig()), "reward_model")
        args = SimpleNamespace(beta=0.2, loss_type="hinge", rpo_alpha=None, seed=3)
        self.assertEqual(algorithm_for_args(args), "slic")
        self.assertEqual(config_from_args(args), {"beta": 0.2, "loss_type": "hinge", "rpo_alpha": None, "seed": 3})

    def test_dpo_log_grads_match_the_gradient(self):
        pw, pl, rw, rl, beta = -3.0, -5.0, -3.5, -4.0, 0.1
        (gw,), (gl,) = dpo_log_grads([pw], [pl], [rw], [rl], beta=beta)
        sigma = 1 / (1 + math.exp(beta * (pw - rw) - beta * (pl - rl)))  # σ(-u)
        self.assertAlmostEqual(gw, math.log(beta * sigma / math.exp(pw)), places=12)
        self.assertAlmostEqual(gl, math.log(beta * sigma / math.exp(pl)), places=12)
        (gw,), (gl,) = dpo_log_grads([-1e4], [-2e4], [-1e4], [-1e4], beta=0.1, beta_l=0.005)
        self.assertTrue(math.isfinite(gw) and math.isfinite(gl) and gl > gw)


if __name__ == "__main__":
    unittest.main()
