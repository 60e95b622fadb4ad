"""Renaming, regrouping, tagging and annotating runs: Run.update and prefscope.edit_runs against the real app."""

import shutil
import tempfile
import unittest
import uuid

import prefscope
from prefscope.edits import run_edit_body

from .support import create_key, read_run, shared_server

PROJECT = "py-run-edits"


def setUpModule():
    global SERVER, KEY
    SERVER = shared_server()
    KEY = create_key(SERVER.url, PROJECT)


class RunEditBodyTest(unittest.TestCase):
    """The checks the client makes before anything is queued: each names its field."""

    def test_only_given_fields_are_sent_and_none_clears_the_group(self):
        self.assertEqual(run_edit_body(), {})
        self.assertEqual(run_edit_body(group=None, notes=""), {"group": None, "notes": ""})
        self.assertEqual(run_edit_body(name="a\x00b", tags=("x", "y")), {"name": "a\ufffdb", "tags": ["x", "y"]})

    def test_bad_values_name_their_field(self):
        cases = [
            ({"name": ""}, ValueError, "name: 1-256"),
            ({"name": "x" * 257}, ValueError, "name: 1-256"),
            ({"group": ""}, ValueError, "group: 1-256"),
            ({"notes": "x" * 10_001}, ValueError, "notes: 0-10000"),
            ({"notes": None}, TypeError, "notes: expected a string"),
            ({"tags": "baseline"}, TypeError, "tags: expected a list"),
            ({"tags": ["ok", ""]}, ValueError, r"tags\[1\]: 1-128"),
            ({"tags": [str(i) for i in range(101)]}, ValueError, "tags: at most 100"),
        ]
        for kwargs, error, message in cases:
            with self.subTest(kwargs=str(kwargs)[:40]):
                with self.assertRaisesRegex(error, message):
                    run_edit_body(**kwargs)

    def test_lengths_are_counted_as_the_server_counts_them(self):
        # An emoji is one Python character but two UTF-16 code units: 128 of them are 256 units, 129 are too many.
        self.assertEqual(run_edit_body(name="\U0001f600" * 128)["name"], "\U0001f600" * 128)
        with self.assertRaisesRegex(ValueError, "name: 1-256 characters, got 258"):
            run_edit_body(name="\U0001f600" * 129)


class RunEditsTest(unittest.TestCase):
    def setUp(self):
        self.spool_dir = tempfile.mkdtemp(prefix="prefscope-spool-")
        self.addCleanup(shutil.rmtree, self.spool_dir, True)

    def start(self, name, **kwargs):
        return prefscope.init(
            project=PROJECT, name=name, url=SERVER.url, api_key=KEY, spool_dir=self.spool_dir, **kwargs
        )

    def test_update_renames_regroups_tags_and_annotates_the_run(self):
        run = self.start("before", group="sweep-a", tags=["draft"])
        run.log({"loss": 0.5}, step=0)
        run.update(name="after", group="sweep-b", notes="warmup 100 steps", tags=["baseline", "beta-0.1"])
        self.assertEqual(run.name, "after")
        self.assertTrue(run.flush(timeout=30))
        info = read_run(SERVER.url, run.id)
        self.assertEqual(
            (info["name"], info["group"], info["notes"], info["tags"]),
            ("after", "sweep-b", "warmup 100 steps", ["baseline", "beta-0.1"]),
        )
        run.update(group=None, notes="")
        self.assertTrue(run.finish(timeout=30))
        info = read_run(SERVER.url, run.id)
        self.assertEqual((info["name"], info["group"], info["notes"], info["status"]), ("after", None, "", "finished"))

    def test_a_refused_update_raises_at_the_call_and_sends_nothing(self):
        run = self.start("unchanged")
        with self.assertRaisesRegex(ValueError, "group: 1-256"):
            run.update(name="changed", group="")
        self.assertEqual(run.name, "unchanged")
        self.assertTrue(run.finish(timeout=30))
        self.assertEqual(read_run(SERVER.url, run.id)["name"], "unchanged")

    def test_edit_runs_sets_the_group_and_tags_of_many_runs(self):
        runs = [self.start(f"bulk-{i}", tags=["draft", "keep"]) for i in range(3)]
        for run in runs:
            self.assertTrue(run.finish(timeout=30))
        edited = prefscope.edit_runs(
            [runs[0], runs[1].id, runs[2].id],
            group="beta-sweep",
            add_tags=["reviewed"],
            remove_tags=["draft"],
            url=SERVER.url,
            api_key=KEY,
        )
        self.assertEqual([r["id"] for r in edited], [r.id for r in runs])
        for run in runs:
            info = read_run(SERVER.url, run.id)
            self.assertEqual((info["group"], info["tags"]), ("beta-sweep", ["keep", "reviewed"]))
        prefscope.edit_runs([r.id for r in runs], group=None, url=SERVER.url, api_key=KEY)
        self.assertEqual([read_run(SERVER.url, r.id)["group"] for r in runs], [None, None, None])

    def test_edit_runs_is_all_or_nothing_and_the_error_names_the_run(self):
        run = self.start("bulk-kept", group="kept")
        self.assertTrue(run.finish(timeout=30))
        missing = str(uuid.uuid4())
        with self.assertRaises(prefscope.ApiError) as caught:
            prefscope.edit_runs([run.id, missing], group="changed", url=SERVER.url, api_key=KEY)
        self.assertEqual((caught.exception.status, caught.exception.path), (404, ["ids", 1]))
        self.assertIn("at ids[1]", str(caught.exception))
        self.assertEqual(read_run(SERVER.url, run.id)["group"], "kept")

    def test_edit_runs_checks_its_arguments_before_sending(self):
        with self.assertRaisesRegex(ValueError, r"ids\[1\]: 'nope' is not a run id"):
            prefscope.edit_runs([str(uuid.uuid4()), "nope"], group="g", url=SERVER.url, api_key=KEY)
        with self.assertRaisesRegex(ValueError, "ids: 1-500 runs, got 0"):
            prefscope.edit_runs([], group="g", url=SERVER.url, api_key=KEY)
        with self.assertRaisesRegex(TypeError, "add_tags: expected a list"):
            prefscope.edit_runs([str(uuid.uuid4())], add_tags="reviewed", url=SERVER.url, api_key=KEY)


if __name__ == "__main__":
    unittest.main()
