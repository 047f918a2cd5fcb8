"""Teams: the roles a member may have."""

from __future__ import annotations

from enum import StrEnum


class TeamRole(StrEnum):
    MEMBER = "member"
    LEAD = "lead"
    MANAGER = "manager"
    COORDINATOR = "coordinator"
