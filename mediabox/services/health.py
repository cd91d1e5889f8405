"""Readiness checks for /health."""

from mediabox.repositories.health import HealthRepository


class HealthService:
    """Answers whether the parts the app depends on respond."""

    def __init__(self, repo: HealthRepository):
        self.repo = repo

    def database_ok(self) -> bool:
        return self.repo.ping()
