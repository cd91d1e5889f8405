"""`mediabox worker`: run background jobs (media processing, clean-up) on threads."""

from __future__ import annotations

import click

from mediabox.cli.context import load_app, load_config
from mediabox.infra.memory import tune_allocator


@click.command("worker")
@click.option(
    "--threads",
    type=click.IntRange(min=1),
    default=None,
    help="Worker threads (default: WORKER_THREADS, else the number of CPUs).",
)
def worker(threads: int | None) -> None:
    """Process the job queue until stopped (SIGTERM/Ctrl+C finish the running jobs first)."""
    from mediabox.jobs import start_consumer

    tune_allocator()
    config = load_config()
    app = load_app(config)
    consumer = start_consumer(app, workers=threads, embedded=False)
    click.echo(f"Mediabox worker — {consumer.workers} thread(s), data in {config.data_dir}")
    consumer.run()
