"""Helpers shared by test tiers (servers started as subprocesses, factories)."""
