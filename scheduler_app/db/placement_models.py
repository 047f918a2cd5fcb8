"""Where the last accepted change placed each appointment without a professional."""

from __future__ import annotations

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from scheduler_app.db.base import Base


class AppointmentPlacement(Base):
    """The professional the last accepted decision found for an appointment booked
    without one (it stays without one: this is not an assignment). The next
    decision on that day, at any desk, starts from it, never trusting it: a desk's
    first decision on a crowded day then answers for the appointments around the
    change instead of solving the whole day afresh."""

    __tablename__ = "appointment_placement"

    appointment_id: Mapped[int] = mapped_column(
        ForeignKey("appointment.id", ondelete="CASCADE"), primary_key=True
    )
    professional_id: Mapped[int] = mapped_column(ForeignKey("professional.id", ondelete="CASCADE"))
