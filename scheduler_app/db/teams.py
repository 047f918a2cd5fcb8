"""Team rows (see `db.team_models`): teams, their members and the services they give."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, text, update

from scheduler_app.db.base import table_of
from scheduler_app.db.models import Appointment, Professional
from scheduler_app.db.schedule import ACTIVE_SQL
from scheduler_app.db.team_models import ServiceTeam, Team, TeamMember
from scheduler_app.db.working_time import bump_version

_T = table_of(Team)
_M = table_of(TeamMember)
_ST = table_of(ServiceTeam)
_P = table_of(Professional)
_A = table_of(Appointment)


def teams(conn: Connection, org_id: int) -> list[Any]:
    """The clinic's teams by name (rows: id, name, description, is_active)."""
    query = select(_T.c.id, _T.c.name, _T.c.description, _T.c.is_active)
    return list(conn.execute(query.where(_T.c.organization_id == org_id).order_by(_T.c.name)))


def team_exists(conn: Connection, org_id: int, team_id: int) -> bool:
    query = select(_T.c.id).where(_T.c.id == team_id, _T.c.organization_id == org_id)
    return conn.execute(query).first() is not None


def add_team(conn: Connection, org_id: int, name: str, description: str) -> int:
    values = {"organization_id": org_id, "name": name, "description": description}
    return int(conn.execute(insert(_T).values(values).returning(_T.c.id)).scalar_one())


def update_team(
    conn: Connection, org_id: int, team_id: int, name: str, description: str, active: bool
) -> None:
    conn.execute(
        update(_T)
        .where(_T.c.id == team_id, _T.c.organization_id == org_id)
        .values(name=name, description=description, is_active=active)
    )
    bump_version(conn, org_id)


def members(conn: Connection, org_id: int) -> list[Any]:
    """Every membership (rows: team_id, professional_id, name, role, certifications,
    max_hours_per_week), by team and name."""
    query = (
        select(
            _M.c.team_id,
            _M.c.professional_id,
            _P.c.name,
            _M.c.role,
            _M.c.certifications,
            _M.c.max_hours_per_week,
        )
        .join(_P, _P.c.id == _M.c.professional_id)
        .join(_T, _T.c.id == _M.c.team_id)
        .where(_T.c.organization_id == org_id)
        .order_by(_M.c.team_id, _P.c.name)
    )
    return list(conn.execute(query))


def set_member(
    conn: Connection,
    org_id: int,
    team_id: int,
    professional_id: int,
    role: str,
    certifications: str,
    max_hours: int | None,
) -> None:
    conn.execute(delete(_M).where(_M.c.team_id == team_id, _M.c.professional_id == professional_id))
    conn.execute(
        insert(_M).values(
            team_id=team_id,
            professional_id=professional_id,
            role=role,
            certifications=certifications,
            max_hours_per_week=max_hours,
        )
    )
    bump_version(conn, org_id)


def remove_member(conn: Connection, org_id: int, team_id: int, professional_id: int) -> None:
    conn.execute(delete(_M).where(_M.c.team_id == team_id, _M.c.professional_id == professional_id))
    bump_version(conn, org_id)


def service_teams(conn: Connection, org_id: int) -> dict[int, int]:
    """Per service given by a team: the team."""
    query = select(_ST.c.service_id, _ST.c.team_id).join(_T, _T.c.id == _ST.c.team_id)
    return {int(s): int(t) for s, t in conn.execute(query.where(_T.c.organization_id == org_id))}


def set_service_team(conn: Connection, org_id: int, service_id: int, team_id: int | None) -> None:
    conn.execute(delete(_ST).where(_ST.c.service_id == service_id))
    if team_id is not None:
        conn.execute(insert(_ST).values(service_id=service_id, team_id=team_id))
    bump_version(conn, org_id)


def teams_of_services(conn: Connection, org_id: int) -> dict[int, frozenset[int]]:
    """Per service given by an active team: the team's members."""
    query = (
        select(_ST.c.service_id, _M.c.professional_id)
        .join(_T, _T.c.id == _ST.c.team_id)
        .outerjoin(_M, _M.c.team_id == _ST.c.team_id)
        .where(_T.c.organization_id == org_id, _T.c.is_active.is_(True))
    )
    out: dict[int, set[int]] = {}
    for service, professional in conn.execute(query):
        out.setdefault(int(service), set())
        if professional is not None:
            out[int(service)].add(int(professional))
    return {s: frozenset(p) for s, p in out.items()}


def booked_minutes(conn: Connection, org_id: int, start: datetime, end: datetime) -> dict[int, int]:
    """Per professional: minutes of active appointments starting within ``[start, end)``."""
    query = select(_A.c.professional_id, _A.c.start_at, _A.c.end_at).where(
        _A.c.organization_id == org_id,
        _A.c.professional_id.is_not(None),
        _A.c.start_at >= start,
        _A.c.start_at < end,
        text(f"appointment.status IN ({ACTIVE_SQL})"),
    )
    out: dict[int, int] = {}
    for professional, a, b in conn.execute(query):
        out[int(professional)] = out.get(int(professional), 0) + int((b - a).total_seconds() // 60)
    return out
