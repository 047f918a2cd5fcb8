"""Rooms and equipment: what an appointment needs besides a professional.

A *resource* is a room, a piece of equipment, a vehicle or anything else an
appointment holds while it runs. People are not resources here: the source
system's "person" resources are professionals (`models.Professional`), with their
own working time and the exact assignment decision.

A resource of capacity 1 (a treatment room) holds one appointment at a time; one
of capacity N (a group room, a machine with N stations) holds N at once. Its
maintenance windows are `TimeOff` rows naming it (the one "unavailable" model).
A service needs resources by *category* ("treatment room" x 1): the booking picks
a free one of that category unless the desk names one.
"""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    Time,
)
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql import expression

from scheduler_app.db.base import Base
from scheduler_app.db.types import UTCDateTime
from scheduler_app.domain.resources import MAX_CAPACITY, MAX_QUANTITY, ResourceKind


class Resource(Base):
    __tablename__ = "resource"
    __table_args__ = (
        CheckConstraint(f"capacity BETWEEN 1 AND {MAX_CAPACITY}", name="capacity"),
        CheckConstraint(
            "(cost_per_hour IS NULL OR cost_per_hour >= 0) "
            "AND (cost_per_use IS NULL OR cost_per_use >= 0)",
            name="costs",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16), default=ResourceKind.ROOM.value)
    #: What services ask for ("Treatment room"); resources of one category stand in
    #: for each other.
    category: Mapped[str] = mapped_column(String(100), default="")
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    location: Mapped[str] = mapped_column(String(200), default="")
    cost_per_hour: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    cost_per_use: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    specifications: Mapped[str] = mapped_column(Text, default="")
    #: Retired resources (False) keep their history but are not offered or picked.
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class AppointmentResource(Base):
    """An appointment holding a resource. Times and ``active`` follow the appointment
    (written with it under the scheduling lock), so the database can guard rooms of
    capacity 1 by itself (``single``: the resource's capacity was 1 then)."""

    __tablename__ = "appointment_resource"
    __table_args__ = (
        CheckConstraint("end_at > start_at", name="ends_after_start"),
        Index(None, "resource_id", "start_at"),
    )

    appointment_id: Mapped[int] = mapped_column(ForeignKey("appointment.id"), primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resource.id"), primary_key=True)
    start_at: Mapped[datetime] = mapped_column(UTCDateTime)
    end_at: Mapped[datetime] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    single: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Chosen by the booking ("any treatment room"): when the appointment moves to a
    #: time its room is taken, another free one of the category may take its place.
    #: False: the desk named it, and it stays.
    picked: Mapped[bool] = mapped_column(Boolean, default=True, server_default=expression.true())


class ServiceNeed(Base):
    """A service needs ``quantity`` resources of ``category`` while it runs."""

    __tablename__ = "service_need"
    __table_args__ = (CheckConstraint(f"quantity BETWEEN 1 AND {MAX_QUANTITY}", name="quantity"),)

    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"), primary_key=True)
    category: Mapped[str] = mapped_column(String(100), primary_key=True)
    quantity: Mapped[int] = mapped_column(Integer, default=1)


class ResourceHours(Base):
    """One range of a weekday a resource can be used (several a day are allowed). A
    resource without any is usable whenever the clinic is open."""

    __tablename__ = "resource_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        Index(None, "resource_id", "weekday"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(ForeignKey("resource.id"))
    #: Monday = 0 ... Sunday = 6.
    weekday: Mapped[int] = mapped_column(Integer)
    opens: Mapped[time] = mapped_column(Time)
    closes: Mapped[time] = mapped_column(Time)
