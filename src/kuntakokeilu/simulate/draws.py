"""Random numbers keyed by what they are for: common random numbers across runs.

Every uniform number the simulator uses is a hash of (seed, stream name, month, person): it does
not depend on how many other people there are, in which order they are held, or what was drawn
before. Two runs with the same seed and a different effect therefore give every person the very
same numbers, and a person whose history the effect does not touch (everyone outside the
experiment areas, everyone before the experiment) has the very same history in both runs. This is
the "common random numbers" design of simulation experiments; ``numpy.random.default_rng`` would
tie each number to its position in a stream instead.

The hash is SplitMix64's finaliser (Steele, Lea and Flood 2014), a bijection of 64-bit words, so
keys made from distinct (person, item) words never collide.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import polars as pl

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_TO_UNIT = 2.0**-53

#: Kinds of items that get a key (``item_key``): plans, service episodes, job offers.
ITEM_KINDS = {"plan": 1, "service": 2, "offer": 3, "multisectoral_plan": 4, "activation_plan": 5}


def _mix(words: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser over an array of uint64 (wrapping arithmetic)."""
    x = words ^ (words >> np.uint64(30))
    x = x * _M1
    x ^= x >> np.uint64(27)
    x = x * _M2
    x ^= x >> np.uint64(31)
    return x


def _words(persons: pl.Series | np.ndarray) -> np.ndarray:
    values = persons.to_numpy() if isinstance(persons, pl.Series) else persons
    return np.asarray(values, dtype=np.uint64)


@dataclass(frozen=True)
class Draws:
    """The seeded source of every random number of one run."""

    seed: int

    def key(self, *parts: object) -> np.uint64:
        """A 64-bit key for a stream of numbers, from the seed and the stream's name parts."""
        text = "/".join(str(part) for part in (self.seed, *parts))
        digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
        return np.uint64(int.from_bytes(digest, "big"))

    def uniform(self, stream: str, month: int, persons: pl.Series | np.ndarray) -> pl.Series:
        """One number in (0, 1) per person for ``stream`` in ``month``."""
        words = _words(persons) * _GOLDEN + self.key(stream, month)
        bits = _mix(_mix(words)) >> np.uint64(11)
        return pl.Series(stream, (bits.astype(np.float64) + 0.5) * _TO_UNIT)

    def client_keys(self, persons: pl.Series | np.ndarray) -> pl.Series:
        """The pseudonymous ``client_key`` of each person: distinct people, distinct keys."""
        return pl.Series("client_key", _mix(_words(persons) ^ self.key("client_key")))

    def item_keys(
        self,
        kind: str,
        months: int | pl.Series | np.ndarray,
        persons: pl.Series | np.ndarray,
        sequence: int = 0,
    ) -> pl.Series:
        """``item_key`` of an item of ``kind`` made for each person in its month (one number, or
        one per person): unique as long as a person gets at most one item of a kind per month
        and ``sequence``."""
        persons_words = _words(persons)
        if persons_words.size and int(persons_words.max()) >= 1 << 32:
            raise ValueError("item keys hold at most 2**32 people")
        month_words = _words(months) if not isinstance(months, int) else np.uint64(months)
        kind_word = np.uint64((ITEM_KINDS[kind] << 56) | ((sequence & 0xFF) << 32))
        words = persons_words | kind_word | ((month_words & np.uint64(0xFFFF)) << np.uint64(40))
        return pl.Series("item_key", _mix(words ^ self.key("item_key")))
