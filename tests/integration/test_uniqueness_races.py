"""Uniqueness races on a real database: repositories translate a lost race into AlreadyExists,
and services either retry once (tags, albums) or answer with the winner (uploads, users)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mediabox.container import container_of
from mediabox.domain.errors import AlreadyExists, Conflict
from mediabox.domain.models import Tag
from mediabox.infra.db import db
from mediabox.repositories.albums import AlbumRepository
from mediabox.repositories.tags import TagRepository
from mediabox.services.tags import TagService
from mediabox.services.transactions import commit_retrying_race
from tests.integration.processing.helpers import create_owner, small_jpeg, store_asset

NOW = datetime(2026, 1, 2, tzinfo=UTC)


def _tag(owner, name: str) -> Tag:
    return Tag(owner_id=owner.id, name=name, name_key=name.casefold(), created_at=NOW)


def test_a_repository_write_that_loses_a_race_raises_already_exists(app):
    owner = create_owner(app)
    with app.app_context():
        tags = TagRepository(db.session)
        tags.add(_tag(owner, "Sea"))
        db.session.commit()
        with pytest.raises(AlreadyExists):
            tags.add(_tag(owner, "SEA"))
        db.session.rollback()
        with pytest.raises(Conflict) as taken:
            container_of(app).users.create_user(owner.email.upper(), "another long password")
        assert taken.value.code == "email_taken"


class StaleTags(TagRepository):
    """Reads that miss the rows a concurrent request committed, `misses` times."""

    def __init__(self, session, misses: int):
        super().__init__(session)
        self.misses = misses

    def get_by_keys(self, owner_id, name_keys):
        if self.misses:
            self.misses -= 1
            return {}
        return super().get_by_keys(owner_id, name_keys)


@pytest.mark.parametrize(("misses", "outcome"), [(1, "retried"), (2, "gives up")])
def test_attach_retries_a_lost_race_once(app, misses, outcome):
    owner = create_owner(app)
    asset_id = store_asset(app, owner, small_jpeg(1), "a.jpg")
    with app.app_context():
        db.session.add(_tag(owner, "Sea"))
        db.session.commit()
        service = TagService(
            db.session, StaleTags(db.session, misses), AlbumRepository(db.session), lambda: NOW
        )
        if outcome == "retried":
            views = service.attach(owner, [asset_id], ["sea"])
            assert [(v.tag.name, v.asset_count) for v in views] == [("Sea", 1)]
        else:
            with pytest.raises(AlreadyExists):
                service.attach(owner, [asset_id], ["sea"])
            assert (
                TagRepository(db.session).count_for(
                    TagRepository(db.session).get_by_keys(owner.id, ["sea"])["sea"].id
                )
                == 0
            )


class FakeSession:
    def __init__(self):
        self.log: list[str] = []

    def commit(self):
        self.log.append("commit")

    def rollback(self):
        self.log.append("rollback")


def test_commit_retrying_race_runs_the_work_again_only_after_a_lost_race():
    session, calls = FakeSession(), []

    def work():
        calls.append(len(calls))
        if len(calls) == 1:
            raise AlreadyExists()
        return "done"

    assert commit_retrying_race(session, work) == "done"
    assert calls == [0, 1] and session.log == ["rollback", "commit"]

    def broken():
        raise ValueError("not a race")

    with pytest.raises(ValueError):
        commit_retrying_race(session, broken)
