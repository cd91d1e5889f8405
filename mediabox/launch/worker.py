"""The standalone job consumer (`mediabox worker`): threads until SIGTERM or Ctrl+C, which
let the running jobs finish."""

from __future__ import annotations

from collections.abc import Callable

from mediabox.infra.config import Config
from mediabox.infra.memory import tune_allocator


def run_worker(
    config: Config, *, threads: int | None = None, echo: Callable[[str], None] = print
) -> None:
    """Process the job queue of `config` until stopped."""
    from mediabox.app import create_app, job_runner
    from mediabox.container import container_of
    from mediabox.jobs import start_consumer

    tune_allocator()
    app = create_app(config)
    consumer = start_consumer(
        container_of(app).queue, config, run=job_runner(app), workers=threads, embedded=False
    )
    echo(f"Mediabox worker — {consumer.workers} thread(s), data in {config.data_dir}")
    consumer.run()
