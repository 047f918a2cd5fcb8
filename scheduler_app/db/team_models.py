"""Teams: professionals working together, with a role each (the source system's Team
and TeamMember). A service given by a team goes only to its members (and, when it
needs skills, to members who have them)."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from scheduler_app.db.base import Base
from scheduler_app.domain.teams import TeamRole


class Team(Base):
    __tablename__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    #: Retired teams (False) give no services: theirs go to anyone with the skills.
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class TeamMember(Base):
    __tablename__ = "team_member"
    __table_args__ = (
        CheckConstraint("role IN ('member', 'lead', 'manager', 'coordinator')", name="role"),
        CheckConstraint(
            "max_hours_per_week IS NULL OR max_hours_per_week BETWEEN 1 AND 168",
            name="max_hours_per_week",
        ),
    )

    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"), primary_key=True)
    professional_id: Mapped[int] = mapped_column(ForeignKey("professional.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), default=TeamRole.MEMBER.value)
    #: Certifications held, as the clinic writes them ("BLS until 2027-05").
    certifications: Mapped[str] = mapped_column(Text, default="")
    #: Hours a week they should not go past (a warning, not a rule); None: no limit.
    max_hours_per_week: Mapped[int | None] = mapped_column(Integer)


class ServiceTeam(Base):
    """The service is given by the team's members only."""

    __tablename__ = "service_team"

    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"), primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id"))
