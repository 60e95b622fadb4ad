"""Pair texts (Run.log_pairs) stored by the server, and tolerated by an older one without POST /runs/{id}/pairs;
probe pairs into token ids: ids, chat templates, truncation. No torch."""

import logging
import os
import tempfile
import unittest

import prefscope
from prefscope.pairs import pair_text_bodies
from prefscope.probe_inputs import Truncation, encode_pairs, probe_pair_ids

from .proxy import Proxy
from .support import api, create_key, read_run, read_sequences, run_sync, shared_server

PROJECT = "py-pairs"


class Tokenizer:
    eos_token_id = 2

    def __init__(self, chat=False):
        self.chat_template = "role: content" if chat else None

    def __call__(self, text, add_special_tokens=True):
        return {"input_ids": [ord(c) for c in text]}

    def decode(self, ids):
        return "".join(map(chr, ids))

    def apply_chat_template(self, messages, tokenize=False, add_generation_prompt=False):
        return "".join(f"<{m['role']}>{m['content']}</>" for m in messages) + (
            "<assistant>" if add_generation_prompt else ""
        )


def read_texts(url: str, run_id: str, pair_id: str):
    return api(url, "GET", f"/api/v1/runs/{run_id}/pairs/{pair_id}")["texts"]


class PairTextsLandTest(unittest.TestCase):
    def test_texts_are_stored_once_per_run_in_requests_of_at_most_1000(self):
        server = shared_server()
        key = create_key(server.url, PROJECT)
        run = prefscope.init(project=PROJECT, name="pair-texts", url=server.url, api_key=key)
        pairs = [{"pair_id": f"p{i}", "prompt": f"q{i}", "chosen": "a", "rejected": "b"} for i in range(1500)]
        run.log_pairs(pairs)
        run.log_sequences(3, ["p0"], logp_chosen=[-1], logp_rejected=[-2], ref_logp_chosen=[-1], ref_logp_rejected=[-1])
        self.assertTrue(run.finish(timeout=60), "nothing left undelivered or spooled")
        for pair_id, prompt in (("p0", "q0"), ("p1499", "q1499")):
            texts = read_texts(server.url, run.id, pair_id)
            self.assertEqual((texts["prompt"], texts["chosen"], texts["rejected"]), (prompt, "a", "b"))


class OlderServerTest(unittest.TestCase):
    def test_a_server_without_the_pairs_endpoint_does_not_stop_the_run(self):
        server = shared_server()
        key = create_key(server.url, PROJECT)
        older = Proxy(server.url, missing="/pairs")
        self.addCleanup(older.close)
        run = prefscope.init(project=PROJECT, name="no-pairs-endpoint", url=older.url, api_key=key)
        pairs = [{"pair_id": f"p{i}", "prompt": "q", "chosen": "a", "rejected": "b"} for i in range(1500)]
        with self.assertLogs("prefscope", logging.WARNING) as logs:
            run.log_pairs(pairs)  # two requests (1000 + 500), both answered 404 here
            run.log_sequences(
                3, ["p0"], logp_chosen=[-1], logp_rejected=[-2], ref_logp_chosen=[-1], ref_logp_rejected=[-1]
            )
            self.assertTrue(run.flush(timeout=60))
        warned = [line for line in logs.output if "/pairs" in line]
        self.assertEqual(len(warned), 1, logs.output)
        self.assertIn("the run goes on", warned[0])
        run.log({"loss": 0.5}, step=3)
        self.assertTrue(run.finish(timeout=30), "nothing left undelivered or spooled")
        self.assertEqual(read_run(server.url, run.id)["status"], "finished")
        self.assertEqual([row["pair_id"] for row in read_sequences(server.url, run.id, 3)], ["p0"])

    def test_sync_of_a_spooled_run_uploads_the_texts_too(self):
        server = shared_server()
        key = create_key(server.url, PROJECT)
        with tempfile.TemporaryDirectory() as spool:
            run = prefscope.init(project=PROJECT, name="spooled-pairs", mode="offline", spool_dir=spool)
            run.log_pairs([{"pair_id": "a", "prompt": "p", "chosen": "c", "rejected": "r"}])
            run.log_sequences(
                1, ["a"], logp_chosen=[-1], logp_rejected=[-2], ref_logp_chosen=[-1], ref_logp_rejected=[-1]
            )
            run.finish()
            result = run_sync(spool, "--url", server.url, key=key)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertNotIn("dropped", result.stderr)
            self.assertEqual(os.listdir(spool), [])
        self.assertEqual([row["pair_id"] for row in read_sequences(server.url, run.id, 1)], ["a"])
        self.assertEqual(read_texts(server.url, run.id, "a")["prompt"], "p")


class PairTextsTest(unittest.TestCase):
    def test_bodies_hold_at_most_1000_pairs_and_refuse_a_pair_without_text(self):
        pairs = [{"pair_id": i, "prompt": "x\x00", "chosen": "a", "rejected": "b"} for i in range(2001)]
        bodies = pair_text_bodies(pairs)
        self.assertEqual([len(b["pairs"]) for b in bodies], [1000, 1000, 1])
        self.assertEqual(bodies[0]["pairs"][0], {"pair_id": "0", "prompt": "x\ufffd", "chosen": "a", "rejected": "b"})
        with self.assertRaisesRegex(ValueError, "pair 0 has no rejected"):
            pair_text_bodies([{"pair_id": "a", "prompt": "", "chosen": ""}])


class ProbeInputsTest(unittest.TestCase):
    def test_ids_are_content_hashes_stable_across_order_with_repeats_numbered(self):
        a = {"prompt": "p", "chosen": "c", "rejected": "r"}
        b = {"prompt": "p", "chosen": "c", "rejected": "s"}
        first = probe_pair_ids([a, b, a, {"id": 7, **a}])
        self.assertRegex(first[0], r"^probe-[0-9a-f]{12}$")
        self.assertEqual(first[2], first[0] + "-2")
        self.assertEqual(first[3], "7")
        self.assertEqual(probe_pair_ids([b, a]), [first[1], first[0]])

    def test_text_pairs_are_tokenised_like_trl_completions_ending_in_eos(self):
        [pair] = encode_pairs([{"prompt": "ab", "chosen": "c", "rejected": "de"}], Tokenizer())
        self.assertEqual((pair.chosen, pair.chosen_start), ([97, 98, 99, 2], 2))
        self.assertEqual((pair.rejected, pair.rejected_start), ([97, 98, 100, 101, 2], 2))
        self.assertEqual(pair.texts, {"prompt": "ab", "chosen": "c", "rejected": "de"})

    def test_conversations_go_through_the_chat_template(self):
        user = [{"role": "user", "content": "hi"}]
        pair = {
            "prompt": user,
            "chosen": [{"role": "assistant", "content": "yo"}],
            "rejected": [{"role": "assistant", "content": "no"}],
        }
        [encoded] = encode_pairs([pair], Tokenizer(chat=True))
        self.assertEqual(encoded.texts, {"prompt": "<user>hi</><assistant>", "chosen": "yo</>", "rejected": "no</>"})
        self.assertEqual(Tokenizer().decode(encoded.chosen[: encoded.chosen_start]), "<user>hi</><assistant>")
        [wrapped] = encode_pairs(
            [{"prompt": "hi", "chosen": "yo", "rejected": "no"}], Tokenizer(chat=True), chat_template=True
        )
        self.assertEqual(wrapped.chosen, encoded.chosen)
        with self.assertRaisesRegex(ValueError, "chat template"):
            encode_pairs([pair], Tokenizer())

    def test_token_ids_are_taken_as_they_are_and_truncated_like_trl(self):
        pair = {"prompt_input_ids": [1, 2, 3, 4], "chosen_input_ids": [5, 6, 7], "rejected": [8]}
        [encoded] = encode_pairs([pair], None, truncation=Truncation(max_prompt_length=2, max_completion_length=2))
        self.assertEqual((encoded.chosen, encoded.chosen_start, encoded.rejected), ([3, 4, 5, 6], 2, [3, 4, 8]))
        self.assertIsNone(encoded.texts)
        [cut] = encode_pairs([pair], None, truncation=Truncation(max_length=5, truncation_mode="keep_end"))
        self.assertEqual((cut.chosen, cut.chosen_start), ([3, 4, 5, 6, 7], 2))
        with self.assertRaisesRegex(ValueError, "need a tokenizer"):
            encode_pairs([{"prompt": "a", "chosen": "b", "rejected": "c"}], None)


if __name__ == "__main__":
    unittest.main()
