"""A build leaves the objects a program holds out of the garbage collector's passes, and gives them back after."""

from __future__ import annotations

import gc

import pytest

from buurtdata import _gc


@pytest.fixture(autouse=True)
def _nothing_frozen():
    if gc.get_freeze_count() or not gc.isenabled():
        pytest.skip("this test process froze objects or stopped the collector itself")


def test_spared_freezes_for_the_block_only():
    kept = [object()]
    with _gc.spared():
        assert gc.get_freeze_count() > 0
        with _gc.spared():  # a build inside a build leaves the freezing to the outer one
            pass
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    assert kept


def test_spared_gives_back_even_when_the_block_fails():
    with pytest.raises(ValueError), _gc.spared():
        raise ValueError("a build that fails")
    assert gc.get_freeze_count() == 0


def test_a_program_that_froze_objects_itself_keeps_them_frozen():
    gc.freeze()
    try:
        with _gc.spared():
            pass
        assert gc.get_freeze_count() > 0  # not unfrozen by spared (objects dying meanwhile may lower the count)
    finally:
        gc.unfreeze()


def test_nothing_is_frozen_while_the_collector_is_off():
    gc.disable()
    try:
        with _gc.spared():
            assert gc.get_freeze_count() == 0
    finally:
        gc.enable()
