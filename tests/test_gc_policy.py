"""The serving process freezes what survives a collection, and a reset gives it back."""

import gc
import weakref

import pytest

from mockserver import gc_policy


class Node:
    def __init__(self) -> None:
        self.other = self


@pytest.fixture
def policy():
    threshold = gc.get_threshold()
    gc_policy.install()
    yield
    gc.callbacks.remove(gc_policy._freeze_survivors)
    gc.set_threshold(*threshold)
    gc.unfreeze()


def test_survivors_of_a_collection_are_frozen_until_a_release(policy):
    kept = [Node()]
    gone = weakref.ref(kept[0])
    gc.collect()
    assert gc.get_freeze_count() > 0
    kept.clear()  # now garbage, but frozen: an ordinary collection does not see it
    gc.collect()
    assert gone() is not None
    gc_policy.release()  # what a reset of the mock does
    assert gone() is None


def test_installing_twice_registers_one_callback(policy):
    gc_policy.install()
    assert gc.callbacks.count(gc_policy._freeze_survivors) == 1
    assert gc.get_threshold()[0] == gc_policy.YOUNG_THRESHOLD


def test_a_start_up_runs_without_collections_and_serving_turns_them_on(policy):
    gc_policy.pause()  # what `mockserver` does first
    assert not gc.isenabled()
    gc_policy.install()  # listening: what the start-up made is frozen, the collector is on
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_a_command_that_does_not_serve_leaves_the_collector_on(tmp_path):
    from mockserver.cli import main

    broken = tmp_path / "broken.toml"
    broken.write_text("accounts = [", encoding="utf-8")
    assert main(["serve", "--fixtures", str(broken), "--port", "0"]) == 2
    assert gc.isenabled()
    with pytest.raises(SystemExit):
        main(["serve", "--no-such-option"])
    assert gc.isenabled()
