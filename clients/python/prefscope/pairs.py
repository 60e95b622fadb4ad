"""Preference pairs' texts as the bodies of POST /api/v1/runs/{id}/pairs: {"pairs": [{pair_id, prompt, chosen,
rejected}, ...]}, at most 1000 pairs a request (the endpoint's limit) and about 8 million characters, well under
the server's 32 MiB body limit."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Sequence

from .values import text

PAIRS_PER_REQUEST = 1000
CHARACTERS_PER_REQUEST = 8_000_000
FIELDS = ("pair_id", "prompt", "chosen", "rejected")


def pair_text_bodies(pairs: Sequence[Mapping[str, Any]]) -> List[Dict[str, Any]]:
    bodies: List[Dict[str, Any]] = []
    chunk: List[Dict[str, str]] = []
    size = 0
    for index, pair in enumerate(pairs):
        missing = [key for key in FIELDS if pair.get(key) is None]
        if missing:
            raise ValueError(f"log_pairs: pair {index} has no {', '.join(missing)}")
        entry = {key: text(pair[key]) for key in FIELDS}
        entry_size = sum(len(value) for value in entry.values()) + 64
        if chunk and (len(chunk) >= PAIRS_PER_REQUEST or size + entry_size > CHARACTERS_PER_REQUEST):
            bodies.append({"pairs": chunk})
            chunk, size = [], 0
        chunk.append(entry)
        size += entry_size
    if chunk:
        bodies.append({"pairs": chunk})
    return bodies
