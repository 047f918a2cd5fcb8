"""Professionals, clients, services (appointment types) and desk accounts."""

from __future__ import annotations

import re
from datetime import time
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from scheduler_app.db import directory, working_time
from scheduler_app.db.models import (
    Client,
    Organization,
    Professional,
    Role,
    Service,
    StaffUser,
)
from scheduler_app.db.rows import ActorRow
from scheduler_app.domain.localtime import is_known_zone
from scheduler_app.domain.notifications import Channel, NotificationKind
from scheduler_app.errors import NotFoundError, ValidationError
from scheduler_app.services import unit_of_work
from scheduler_app.services.audit import record, snapshot
from scheduler_app.services.checks import MANAGERS, check_actor
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.details import clean_details
from scheduler_app.services.dto import (
    ClientView,
    OrganizationView,
    ProfessionalView,
    ServiceView,
    StaffUserView,
)
from scheduler_app.services.guard import guarded
from scheduler_app.services.views import (
    client_view,
    organization_view,
    professional_view,
    service_view,
    staff_user_view,
)

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+()./\s-]{3,40}$")


@guarded
class DirectoryService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- reads ---------------------------------------------------------------

    def organization(self) -> OrganizationView:
        def work(session: Session) -> OrganizationView:
            org = session.get(Organization, self.ctx.organization_id)
            if org is None:
                raise NotFoundError("The clinic's settings are missing from the database.")
            return organization_view(org)

        return unit_of_work.read(self.ctx, work)

    def professionals(self, *, include_inactive: bool = False) -> list[ProfessionalView]:
        def work(session: Session) -> list[ProfessionalView]:
            found = directory.professionals(
                session,
                self.ctx.organization_id,
                include_inactive=include_inactive,
                now=self.ctx.now(),
            )
            return [professional_view(p) for p in found]

        return unit_of_work.read(self.ctx, work)

    def services(self) -> list[ServiceView]:
        def work(session: Session) -> list[ServiceView]:
            found = directory.active_services(session, self.ctx.organization_id)
            return [service_view(t) for t in found]

        return unit_of_work.read(self.ctx, work)

    def find_clients(self, text: str, limit: int = 20) -> list[ClientView]:
        """Active clients whose name, phone or e-mail contains ``text``."""
        needle = text.strip()

        def work(session: Session) -> list[ClientView]:
            found = directory.find_clients(session, self.ctx.organization_id, needle, limit)
            return [client_view(c) for c in found]

        return unit_of_work.read(self.ctx, work)

    def staff_user(self, username: str) -> StaffUserView | None:
        def work(session: Session) -> StaffUserView | None:
            user = directory.staff_user_named(session, self.ctx.organization_id, username)
            return staff_user_view(user) if user else None

        return unit_of_work.read(self.ctx, work)

    # -- writes --------------------------------------------------------------

    def add_client(
        self, actor_id: int, name: str, phone: str = "", email: str = "", notes: str = ""
    ) -> ClientView:
        name, phone, email = name.strip(), phone.strip(), email.strip()
        _check_name(name, "The client")
        if phone and not _PHONE.match(phone):
            raise ValidationError(f"{phone!r} does not look like a phone number.")
        if email and not _EMAIL.match(email):
            raise ValidationError(f"{email!r} does not look like an e-mail address.")

        def work(session: Session) -> ClientView:
            actor = self._actor(session, actor_id)
            client = Client(
                organization_id=self.ctx.organization_id,
                name=name,
                phone=phone,
                email=email,
                notes=notes,
                created_at=self.ctx.now(),
            )
            session.add(client)
            session.flush()
            self._audit(session, actor.id, "add", "client", client.id, client, ("name",))
            return client_view(client)

        return unit_of_work.admin(self.ctx, work)

    def add_professional(
        self, actor_id: int, name: str, title: str = "", color: str = "#4a90d9"
    ) -> ProfessionalView:
        name = name.strip()
        _check_name(name, "The professional")
        if not _COLOR.match(color):
            raise ValidationError("A colour must look like #3366cc.")

        def work(session: Session) -> ProfessionalView:
            actor = self._actor(session, actor_id, *MANAGERS)
            count = directory.professional_count(session, self.ctx.organization_id)
            prof = Professional(
                organization_id=self.ctx.organization_id,
                name=name,
                title=title.strip(),
                color=color,
                sort_order=count,
            )
            session.add(prof)
            session.flush()
            self._audit(session, actor.id, "add", "professional", prof.id, prof, ("name",))
            return professional_view(prof)

        return unit_of_work.admin(self.ctx, work)

    def add_service(
        self,
        actor_id: int,
        name: str,
        duration_minutes: int,
        price: Decimal = Decimal("0"),
        color: str = "#7cb342",
    ) -> ServiceView:
        name = name.strip()
        _check_name(name, "The service")
        if not 1 <= duration_minutes <= 720:
            raise ValidationError("A service lasts from 1 minute to 12 hours.")
        amount = clean_details({"estimated_cost": price})["estimated_cost"]
        if not _COLOR.match(color):
            raise ValidationError("A colour must look like #3366cc.")

        def work(session: Session) -> ServiceView:
            actor = self._actor(session, actor_id, *MANAGERS)
            org = session.get(Organization, self.ctx.organization_id)
            assert org is not None
            service = Service(
                organization_id=self.ctx.organization_id,
                name=name,
                duration_minutes=duration_minutes,
                price=amount,
                currency=org.currency,
                color=color,
            )
            session.add(service)
            session.flush()
            self._audit(session, actor.id, "add", "service", service.id, service, ("name",))
            return service_view(service)

        return unit_of_work.admin(self.ctx, work)

    def update_organization(
        self,
        actor_id: int,
        *,
        name: str | None = None,
        timezone: str | None = None,
        slot_minutes: int | None = None,
        default_duration_minutes: int | None = None,
        opens_at: time | None = None,
        closes_at: time | None = None,
    ) -> OrganizationView:
        if timezone is not None and not is_known_zone(timezone):
            raise ValidationError(f"Unknown time zone {timezone!r}; use a name like Europe/Lisbon.")
        if slot_minutes is not None and slot_minutes not in (5, 10, 15, 20, 30, 60):
            raise ValidationError("The grid step must be 5, 10, 15, 20, 30 or 60 minutes.")
        if default_duration_minutes is not None and not 1 <= default_duration_minutes <= 720:
            raise ValidationError("The default length must be from 1 minute to 12 hours.")
        if name is not None:
            _check_name(name.strip(), "The clinic")
        fields = ("name", "timezone", "slot_minutes", "default_duration_minutes")

        def work(session: Session) -> OrganizationView:
            actor = self._actor(session, actor_id, *MANAGERS)
            org = session.get(Organization, self.ctx.organization_id)
            assert org is not None
            before = snapshot(org, fields)
            for attr, value in (
                ("name", name.strip() if name is not None else None),
                ("timezone", timezone),
                ("slot_minutes", slot_minutes),
                ("default_duration_minutes", default_duration_minutes),
                ("opens_at", opens_at),
                ("closes_at", closes_at),
            ):
                if value is not None:
                    setattr(org, attr, value)
            if org.opens_at > org.closes_at:
                raise ValidationError(
                    "The clinic must open before it closes (the same time: around the clock)."
                )
            if opens_at is not None or closes_at is not None:
                working_time.bump_version(session.connection(), org.id)
            self._audit(
                session,
                actor.id,
                "update",
                "organization",
                org.id,
                org,
                fields,
                before=before,
            )
            return organization_view(org)

        return unit_of_work.admin(self.ctx, work)

    def template(self, kind: str, channel: str) -> tuple[str, str]:
        """(subject, text) the clinic uses for ``kind`` on ``channel``: its own or the default."""
        from scheduler_app.services.outbox import DEFAULT_TEMPLATES

        key = _message_kind(kind, channel)

        def work(session: Session) -> tuple[str, str]:
            custom = directory.message_template(session, self.ctx.organization_id, *key)
            if custom is not None:
                return custom.subject, custom.body
            return DEFAULT_TEMPLATES.get(key, ("", ""))

        return unit_of_work.read(self.ctx, work)

    def update_sms_settings(self, actor_id: int, *, url: str, user: str) -> None:
        """The SMS gateway address (with {to} and {text}); empty turns SMS off."""
        from scheduler_app.services.sms_channel import SmsSettings

        url, user = url.strip(), user.strip()
        if url:
            SmsSettings(url).check()

        def work(session: Session) -> None:
            actor = self._actor(session, actor_id, *MANAGERS)
            org = session.get(Organization, self.ctx.organization_id)
            assert org is not None
            before = snapshot(org, ("sms_url", "sms_user"))
            org.sms_url, org.sms_user = url, user
            self._audit(
                session,
                actor.id,
                "sms settings",
                "organization",
                org.id,
                org,
                ("sms_url", "sms_user"),
                before=before,
            )

        unit_of_work.admin(self.ctx, work)

    def save_template(
        self, actor_id: int, kind: str, channel: str, subject: str, body: str
    ) -> None:
        """The clinic's wording for one kind of message; refused if it would break later."""
        from scheduler_app.db.notification_models import MessageTemplate
        from scheduler_app.domain.templates import TemplateError, check_template

        kind_value, channel_value = _message_kind(kind, channel)
        for part, text in (("subject", subject), ("text", body)):
            try:
                check_template(text)
            except TemplateError as exc:
                raise ValidationError(f"In the {part}: {exc}") from exc

        def work(session: Session) -> None:
            actor = self._actor(session, actor_id, *MANAGERS)
            template = directory.message_template(
                session, self.ctx.organization_id, kind_value, channel_value
            )
            if template is None:
                template = MessageTemplate(
                    organization_id=self.ctx.organization_id,
                    kind=kind_value,
                    channel=channel_value,
                )
                session.add(template)
            template.subject, template.body = subject, body
            session.flush()
            self._audit(
                session,
                actor.id,
                "save",
                "message_template",
                template.id,
                template,
                ("subject", "body"),
            )

        unit_of_work.admin(self.ctx, work)

    def update_mail_settings(
        self,
        actor_id: int,
        *,
        host: str,
        port: int,
        security: str,
        user: str,
        sender: str,
        reminder_minutes: str | None = None,
    ) -> None:
        """The clinic's mail server (the password goes to the keyring, not here)."""
        host, user, sender = host.strip(), user.strip(), sender.strip()
        if security not in ("none", "starttls", "ssl"):
            raise ValidationError("Mail security must be none, starttls or ssl.")
        if not 1 <= port <= 65535:
            raise ValidationError("The mail server port must be between 1 and 65535.")
        if sender and not _EMAIL.match(sender):
            raise ValidationError(f"{sender!r} does not look like an e-mail address.")
        if reminder_minutes is not None:
            parts = [p.strip() for p in reminder_minutes.split(",") if p.strip()]
            if not all(p.isdigit() and 0 < int(p) <= 43200 for p in parts):
                raise ValidationError(
                    "Reminder times are minutes before the start, separated by commas, "
                    "e.g. 1440, 120."
                )
            reminder_minutes = ",".join(parts)
        fields = ("smtp_host", "smtp_port", "smtp_security", "smtp_user", "mail_from")

        def work(session: Session) -> None:
            actor = self._actor(session, actor_id, *MANAGERS)
            org = session.get(Organization, self.ctx.organization_id)
            assert org is not None
            before = snapshot(org, fields)
            org.smtp_host, org.smtp_port, org.smtp_security = host, port, security
            org.smtp_user, org.mail_from = user, sender
            if reminder_minutes is not None:
                org.reminder_minutes = reminder_minutes
            self._audit(
                session,
                actor.id,
                "mail settings",
                "organization",
                org.id,
                org,
                fields,
                before=before,
            )

        unit_of_work.admin(self.ctx, work)

    def _audit(
        self,
        session: Session,
        actor_id: int,
        action: str,
        entity: str,
        entity_id: int,
        obj: object,
        fields: tuple[str, ...],
        *,
        before: dict[str, Any] | None = None,
    ) -> None:
        """Record a change of ``obj`` (its ``fields`` after, and ``before`` if it existed)."""
        record(
            session.connection(),
            self.ctx,
            actor_id,
            action,
            entity,
            entity_id,
            before=before,
            after=snapshot(obj, fields),
        )

    def _actor(self, session: Session, actor_id: int, *roles: Role) -> ActorRow:
        """The staff account ``actor_id`` of this clinic, allowed to act with ``roles``."""
        user = session.get(StaffUser, actor_id)
        if user is None or user.organization_id != self.ctx.organization_id:
            return check_actor(None)
        return check_actor(ActorRow(user.id, user.is_active, user.role), *roles)


def _message_kind(kind: str, channel: str) -> tuple[NotificationKind, Channel]:
    try:
        return NotificationKind(kind), Channel(channel)
    except ValueError:
        raise ValidationError(f"There is no {channel!r} message for {kind!r}.") from None


def _check_name(name: str, what: str) -> None:
    if not name:
        raise ValidationError(f"{what} needs a name.")
    if len(name) > 200:
        raise ValidationError(f"{what}'s name is too long (200 characters at most).")
