"""What a notification is about, how it travels, and where it stands."""

from __future__ import annotations

from enum import StrEnum


class NotificationKind(StrEnum):
    APPOINTMENT_CREATED = "appointment_created"
    APPOINTMENT_UPDATED = "appointment_updated"
    APPOINTMENT_CANCELLED = "appointment_cancelled"
    APPOINTMENT_REMINDER = "appointment_reminder"
    CONFLICT_DETECTED = "conflict_detected"
    RESOURCE_UNAVAILABLE = "resource_unavailable"
    TEAM_MEMBER_UNAVAILABLE = "team_member_unavailable"
    SCHEDULE_CHANGE = "schedule_change"
    #: A freed time held for a waiting client, who is asked to call back in time.
    WAITLIST_OFFER = "waitlist_offer"


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    PUSH = "push"
    IN_APP = "in_app"


class NotificationStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by a worker, being delivered
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
