"""Random numbers keyed by (seed, stream, month, person): common random numbers across runs."""

import numpy as np
import polars as pl

from kuntakokeilu.simulate.draws import Draws

MARCH_2021 = 2021 * 12 + 2


def test_a_persons_number_does_not_depend_on_who_else_is_drawn():
    draws = Draws(1)
    alone = draws.uniform("exit_work", MARCH_2021, np.array([7], dtype=np.uint32))
    among = draws.uniform("exit_work", MARCH_2021, np.arange(100, dtype=np.uint32)[::-1])
    assert alone[0] == among[92]


def test_numbers_are_uniform_in_the_open_unit_interval():
    u = Draws(1).uniform("exit_work", MARCH_2021, np.arange(200_000, dtype=np.uint32))
    assert u.min() > 0.0
    assert u.max() < 1.0
    assert abs(u.mean() - 0.5) < 0.005
    assert abs((u < 0.2).mean() - 0.2) < 0.005


def test_streams_months_and_seeds_each_give_other_numbers():
    people = np.arange(1000, dtype=np.uint32)
    base = Draws(1).uniform("exit_work", MARCH_2021, people)
    others = [
        Draws(1).uniform("exit_other", MARCH_2021, people),
        Draws(1).uniform("exit_work", MARCH_2021 + 1, people),
        Draws(2).uniform("exit_work", MARCH_2021, people),
    ]
    for other in others:
        assert abs(np.corrcoef(base.to_numpy(), other.to_numpy())[0, 1]) < 0.1


def test_client_keys_are_distinct_and_not_the_running_number():
    people = np.arange(1_000_000, dtype=np.uint32)
    keys = Draws(1).client_keys(people)
    assert keys.dtype == pl.UInt64
    assert keys.n_unique() == len(people)
    assert (keys.cast(pl.Int128) == pl.Series(people).cast(pl.Int128)).sum() == 0
    assert (Draws(2).client_keys(people[:10]) != keys[:10]).all()


def test_item_keys_differ_by_kind_month_sequence_and_person():
    draws, people = Draws(1), np.arange(50_000, dtype=np.uint32)
    keys = pl.concat(
        [
            draws.item_keys("plan", MARCH_2021, people),
            draws.item_keys("offer", MARCH_2021, people),
            draws.item_keys("offer", MARCH_2021, people, sequence=1),
            draws.item_keys("offer", MARCH_2021 + 1, people),
        ]
    )
    assert keys.n_unique() == keys.len()
