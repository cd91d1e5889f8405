"""The database round-trip used by health checks."""

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session


class HealthRepository:
    """Pings the database."""

    def __init__(self, session: Session):
        self.session = session

    def ping(self) -> bool:
        try:
            self.session.execute(select(1))
            return True
        except SQLAlchemyError:
            self.session.rollback()
            return False
