"""Covering indexes for the report indicators: the status steps, consultations with their topics
and attendees, and the members of arriving families are read from indexes alone, without touching
the tables (the monthly report at a million people took 3 s, mostly reading table rows).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 14:50:00
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_status_change_date", table_name="status_change")
    op.create_index(
        "ix_status_change_date",
        "status_change",
        ["date", "deleted", "household_id", "status"],
    )
    op.drop_index("ix_consultation_date", table_name="consultation")
    op.create_index("ix_consultation_date", "consultation", ["date", "deleted", "form", "id"])
    op.create_index(
        "ix_consultation_topic_facts",
        "consultation_topic",
        ["consultation_id", "deleted", "topic"],
    )
    op.create_index(
        "ix_consultation_attendee_facts",
        "consultation_attendee",
        ["consultation_id", "deleted", "person_id", "household_id"],
    )
    op.create_index(
        "ix_person_household_facts",
        "person",
        ["household_id", "deleted", "sex", "birth_date", "education", "profession"],
    )


def downgrade() -> None:
    op.drop_index("ix_person_household_facts", table_name="person")
    op.drop_index("ix_consultation_attendee_facts", table_name="consultation_attendee")
    op.drop_index("ix_consultation_topic_facts", table_name="consultation_topic")
    op.drop_index("ix_consultation_date", table_name="consultation")
    op.create_index("ix_consultation_date", "consultation", ["date"])
    op.drop_index("ix_status_change_date", table_name="status_change")
    op.create_index("ix_status_change_date", "status_change", ["date"])
