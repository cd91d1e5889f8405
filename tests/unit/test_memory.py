"""The allocator settings apply on glibc and are a no-op elsewhere."""

import platform

from mediabox.infra import memory


def test_tune_allocator_applies_on_glibc():
    applied = memory.tune_allocator()
    assert applied is (platform.libc_ver()[0] == "glibc")


def test_tune_allocator_without_a_c_library(monkeypatch):
    monkeypatch.setattr(memory.ctypes.util, "find_library", lambda name: None)
    assert memory.tune_allocator() is False


def test_cyclic_gc_paused_restores_the_previous_state():
    import gc

    from mediabox.infra.memory import cyclic_gc_paused

    assert gc.isenabled()
    with cyclic_gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with cyclic_gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    try:
        with cyclic_gc_paused():
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert gc.isenabled()
