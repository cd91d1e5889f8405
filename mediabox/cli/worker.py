"""`mediabox worker`: run background jobs (media processing, clean-up) on threads."""

from __future__ import annotations

import click

from mediabox.cli.context import load_config


@click.command("worker")
@click.option(
    "--threads",
    type=click.IntRange(min=1),
    default=None,
    help="Worker threads (default: WORKER_THREADS, else the number of CPUs).",
)
def worker(threads: int | None) -> None:
    """Process the job queue until stopped (SIGTERM/Ctrl+C finish the running jobs first)."""
    from mediabox.launch.worker import run_worker

    run_worker(load_config(), threads=threads, echo=click.echo)
