"""Membership in a sorted array of chunk ids, by binary search (a question asks about a few ids of a million)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def member(sorted_ids: np.ndarray, ids: np.ndarray | Sequence[int]) -> np.ndarray:
    """Which of the ids are in a sorted id array, as a boolean array."""
    wanted = np.asarray(ids, dtype=np.int64)
    if not len(sorted_ids) or not len(wanted):
        return np.zeros(len(wanted), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_ids, wanted), len(sorted_ids) - 1)
    found: np.ndarray = sorted_ids[at] == wanted
    return found
