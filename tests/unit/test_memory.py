"""The allocator settings apply on glibc and are a no-op elsewhere."""

import platform

from mediabox.infra import memory


def test_tune_allocator_applies_on_glibc():
    applied = memory.tune_allocator()
    assert applied is (platform.libc_ver()[0] == "glibc")


def test_tune_allocator_without_a_c_library(monkeypatch):
    monkeypatch.setattr(memory.ctypes.util, "find_library", lambda name: None)
    assert memory.tune_allocator() is False
