"""Fakes shared by the service unit tests."""


class FakeSession:
    """Stands in for the SQLAlchemy session a service uses as its unit of work."""

    def __init__(self):
        self.commits = 0

    def commit(self):
        self.commits += 1

    def rollback(self):
        pass

    def refresh(self, _obj):
        pass
