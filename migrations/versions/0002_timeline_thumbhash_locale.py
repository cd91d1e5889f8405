"""timeline local date, thumbhash, derived file sizes, user locale

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 15:40:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_BACKFILL_LOCAL_DATE = {
    "sqlite": (
        "UPDATE assets SET local_date = "
        "date(captured_at, coalesce(captured_offset_minutes, 0) || ' minutes')"
    ),
    "postgresql": (
        "UPDATE assets SET local_date = CAST((captured_at AT TIME ZONE 'UTC') "
        "+ make_interval(mins => coalesce(captured_offset_minutes, 0)) AS DATE)"
    ),
}


def upgrade():
    dialect = op.get_bind().dialect.name
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("locale", sa.String(length=8), nullable=False, server_default="en")
        )
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("local_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("thumbhash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("derived_size_bytes", sa.BigInteger(), nullable=True))
    op.execute(_BACKFILL_LOCAL_DATE[dialect])
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.alter_column("local_date", existing_type=sa.Date(), nullable=False)
        batch_op.create_index(
            "ix_assets_local_timeline",
            [
                "owner_id",
                "deleted_at",
                "local_date",
                "captured_at",
                "id",
                "status",
                "type",
                "width",
                "height",
                "duration_ms",
                "is_favorite",
                "processing_state",
                "storage_key_thumb",
                "thumbhash",
            ],
            unique=False,
        )
        batch_op.create_index(
            "ix_assets_local_days",
            ["owner_id", "deleted_at", "local_date", "status"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("assets", schema=None) as batch_op:
        batch_op.drop_index("ix_assets_local_days")
        batch_op.drop_index("ix_assets_local_timeline")
        batch_op.drop_column("derived_size_bytes")
        batch_op.drop_column("thumbhash")
        batch_op.drop_column("local_date")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("locale")
