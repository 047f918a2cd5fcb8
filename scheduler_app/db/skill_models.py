"""Skills: what a professional can do, and what a service needs of whoever takes it.

A service that needs skills ("Physiotherapy needs manual therapy") goes only to a
professional who has all of them: the exact decision gives unassigned appointments
only such professionals, and refuses giving one to anyone else.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from scheduler_app.db.base import Base


class Skill(Base):
    __tablename__ = "skill"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))
    name: Mapped[str] = mapped_column(String(100))


class ProfessionalSkill(Base):
    __tablename__ = "professional_skill"

    professional_id: Mapped[int] = mapped_column(ForeignKey("professional.id"), primary_key=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skill.id"), primary_key=True)


class ServiceSkill(Base):
    __tablename__ = "service_skill"

    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"), primary_key=True)
    skill_id: Mapped[int] = mapped_column(ForeignKey("skill.id"), primary_key=True)
