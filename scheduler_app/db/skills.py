"""Skill rows (see `db.skill_models`): what professionals can do, what services need."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, delete, insert, select

from scheduler_app.db.base import table_of
from scheduler_app.db.models import Professional, Service
from scheduler_app.db.skill_models import ProfessionalSkill, ServiceSkill, Skill
from scheduler_app.db.teams import teams_of_services
from scheduler_app.db.working_time import bump_version

_K = table_of(Skill)
_PK = table_of(ProfessionalSkill)
_SK = table_of(ServiceSkill)
_P = table_of(Professional)
_S = table_of(Service)


def qualified(conn: Connection, org_id: int) -> dict[int, frozenset[int]]:
    """Per service that needs skills or is given by a team: the professionals who may
    give it — who have all its skills and are in its (active) team — active or not:
    the roster says who works. Services that need neither are not listed."""
    needs: dict[int, set[int]] = {}
    query = select(_SK.c.service_id, _SK.c.skill_id).join(_K, _K.c.id == _SK.c.skill_id)
    for service, skill in conn.execute(query.where(_K.c.organization_id == org_id)):
        needs.setdefault(service, set()).add(skill)
    out: dict[int, frozenset[int]] = {}
    if needs:
        has: dict[int, set[int]] = {}
        query = select(_PK.c.professional_id, _PK.c.skill_id).join(_K, _K.c.id == _PK.c.skill_id)
        for professional, skill in conn.execute(query.where(_K.c.organization_id == org_id)):
            has.setdefault(professional, set()).add(skill)
        out = {
            service: frozenset(p for p, skills in has.items() if wanted <= skills)
            for service, wanted in needs.items()
        }
    for service, members in teams_of_services(conn, org_id).items():
        out[service] = out[service] & members if service in out else members
    return out


def skill_names(conn: Connection, org_id: int) -> list[str]:
    query = select(_K.c.name).where(_K.c.organization_id == org_id).order_by(_K.c.name)
    return [str(n) for n in conn.execute(query).scalars()]


def of_professionals(conn: Connection, org_id: int) -> dict[int, list[str]]:
    """Per professional: the names of their skills, sorted."""
    query = (
        select(_PK.c.professional_id, _K.c.name)
        .join(_K, _K.c.id == _PK.c.skill_id)
        .where(_K.c.organization_id == org_id)
        .order_by(_K.c.name)
    )
    out: dict[int, list[str]] = {}
    for professional, name in conn.execute(query):
        out.setdefault(professional, []).append(name)
    return out


def of_services(conn: Connection, org_id: int) -> dict[int, list[str]]:
    """Per service: the names of the skills it needs, sorted."""
    query = (
        select(_SK.c.service_id, _K.c.name)
        .join(_K, _K.c.id == _SK.c.skill_id)
        .where(_K.c.organization_id == org_id)
        .order_by(_K.c.name)
    )
    out: dict[int, list[str]] = {}
    for service, name in conn.execute(query):
        out.setdefault(service, []).append(name)
    return out


def _ids(conn: Connection, org_id: int, names: Iterable[str]) -> list[int]:
    """The skills called ``names`` (made when new; names compared ignoring case)."""
    known = {
        str(name).casefold(): int(i)
        for i, name in conn.execute(
            select(_K.c.id, _K.c.name).where(_K.c.organization_id == org_id)
        )
    }
    out: list[int] = []
    for name in names:
        found = known.get(name.casefold())
        if found is None:
            found = int(
                conn.execute(
                    insert(_K).values(organization_id=org_id, name=name).returning(_K.c.id)
                ).scalar_one()
            )
            known[name.casefold()] = found
        if found not in out:
            out.append(found)
    return out


def set_professional_skills(
    conn: Connection, org_id: int, professional_id: int, names: Iterable[str]
) -> None:
    """The professional's skills become ``names``; the roster's version rises (desks
    decide with who can take what)."""
    ids = _ids(conn, org_id, names)
    conn.execute(delete(_PK).where(_PK.c.professional_id == professional_id))
    if ids:
        conn.execute(
            insert(_PK), [{"professional_id": professional_id, "skill_id": i} for i in ids]
        )
    bump_version(conn, org_id)


def set_service_skills(
    conn: Connection, org_id: int, service_id: int, names: Iterable[str]
) -> None:
    """What the service needs becomes ``names``; the roster's version rises."""
    ids = _ids(conn, org_id, names)
    conn.execute(delete(_SK).where(_SK.c.service_id == service_id))
    if ids:
        conn.execute(insert(_SK), [{"service_id": service_id, "skill_id": i} for i in ids])
    bump_version(conn, org_id)


def professional_exists(conn: Connection, org_id: int, professional_id: int) -> bool:
    query = select(_P.c.id).where(_P.c.id == professional_id, _P.c.organization_id == org_id)
    return conn.execute(query).first() is not None


def service_exists(conn: Connection, org_id: int, service_id: int) -> bool:
    query = select(_S.c.id).where(_S.c.id == service_id, _S.c.organization_id == org_id)
    return conn.execute(query).first() is not None
