"""The clinic's directory: professionals, desk accounts, messages and mail settings.

Also the desk's short ways to clients and services (`ClientService` and
`CatalogService` hold their rules). Admin changes take no scheduling lock; a
professional leaving is `ProfessionalService.leave`, decided like a booking.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from scheduler_app.db import directory
from scheduler_app.db.models import Organization, Professional, Role, StaffUser
from scheduler_app.db.rows import ActorRow
from scheduler_app.domain.durations import storable_lead_times
from scheduler_app.domain.notifications import Channel, NotificationKind
from scheduler_app.domain.palette import suggest
from scheduler_app.errors import NotFoundError, ValidationError
from scheduler_app.services import entry_checks, reading, unit_of_work
from scheduler_app.services.audit import record, snapshot
from scheduler_app.services.catalog import CatalogService
from scheduler_app.services.checks import MANAGERS, check_actor
from scheduler_app.services.clients import ClientService
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.dto import (
    ClientDetails,
    ClientView,
    OrganizationView,
    ProfessionalDetails,
    ProfessionalView,
    ServiceDetails,
    ServiceView,
    StaffUserView,
)
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import readers, writers, writes
from scheduler_app.services.views import organization_view, professional_view, staff_user_view

#: What is recorded of a professional's change.
PROFESSIONAL = ("name", "title", "color", "sort_order")


@guarded
class DirectoryService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- reads ---------------------------------------------------------------

    @readers
    def organization(self) -> OrganizationView:
        def work(session: Session) -> OrganizationView:
            org = session.get(Organization, self.ctx.organization_id)
            if org is None:
                raise NotFoundError("The clinic's settings are missing from the database.")
            return organization_view(org)

        return reading.read(self.ctx, work)

    @readers
    def professionals(self, *, include_inactive: bool = False) -> list[ProfessionalView]:
        def work(session: Session) -> list[ProfessionalView]:
            found = directory.professionals(
                session,
                self.ctx.organization_id,
                include_inactive=include_inactive,
                now=self.ctx.now(),
            )
            return [professional_view(p) for p in found]

        return reading.read(self.ctx, work)

    @readers
    def services(self) -> list[ServiceView]:
        """The services offered, in the clinic's order (`CatalogService.services`)."""
        return CatalogService(self.ctx).services()

    @readers
    def find_clients(self, text: str, limit: int = 20) -> list[ClientView]:
        """Active clients whose name, phone or e-mail has ``text`` (`ClientService.find`)."""
        return ClientService(self.ctx).find(text, limit)

    @readers
    def staff_user(self, username: str) -> StaffUserView | None:
        def work(session: Session) -> StaffUserView | None:
            user = directory.staff_user_named(session, self.ctx.organization_id, username)
            return staff_user_view(user) if user else None

        return reading.read(self.ctx, work)

    @readers
    def account(self, actor_id: int) -> StaffUserView | None:
        """The desk account ``actor_id`` of this clinic (its role says what it may do)."""

        def work(session: Session) -> StaffUserView | None:
            user = session.get(StaffUser, actor_id)
            ours = user is not None and user.organization_id == self.ctx.organization_id
            return staff_user_view(user) if user is not None and ours else None

        return reading.read(self.ctx, work)

    # -- writes --------------------------------------------------------------

    @writers
    def add_client(
        self, actor_id: int, name: str, phone: str = "", email: str = "", notes: str = ""
    ) -> ClientView:
        """A new client with the essentials (`ClientService.add` takes the rest)."""
        return ClientService(self.ctx).add(actor_id, ClientDetails(name, phone, email, notes=notes))

    @writes(*MANAGERS)
    def add_service(
        self,
        actor_id: int,
        name: str,
        duration_minutes: int,
        price: Decimal = Decimal("0"),
        color: str = "#7cb342",
    ) -> ServiceView:
        """A new service in the clinic's currency (`CatalogService.add` takes the rest)."""
        details = ServiceDetails(name, duration_minutes, price, self.organization().currency, color)
        return CatalogService(self.ctx).add(actor_id, details)

    @writes(*MANAGERS)
    def add_professional(
        self, actor_id: int, name: str, title: str = "", color: str = ""
    ) -> ProfessionalView:
        """A new professional, in the last column; without ``color``, the palette
        colour farthest from the others'."""
        name = entry_checks.name(name, "The professional")
        color = entry_checks.color(color) if color else ""

        def work(session: Session) -> ProfessionalView:
            actor = self._actor(session, actor_id, *MANAGERS)
            org_id = self.ctx.organization_id
            prof = Professional(
                organization_id=org_id,
                name=name,
                title=title.strip(),
                color=color or suggest(directory.professional_colors(session, org_id)),
                sort_order=directory.professional_count(session, org_id),
            )
            session.add(prof)
            session.flush()
            self._audit(session, actor.id, "add", "professional", prof.id, prof, PROFESSIONAL)
            return professional_view(prof)

        return unit_of_work.admin(self.ctx, work)

    @writes(*MANAGERS)
    def update_professional(
        self, actor_id: int, professional_id: int, details: ProfessionalDetails
    ) -> ProfessionalView:
        """Name, title and colour (leaving and coming back: `ProfessionalService`)."""
        name = entry_checks.name(details.name, "The professional")
        color = entry_checks.color(details.color) if details.color else ""

        def work(session: Session) -> ProfessionalView:
            actor = self._actor(session, actor_id, *MANAGERS)
            prof = session.get(Professional, professional_id)
            if prof is None or prof.organization_id != self.ctx.organization_id:
                raise NotFoundError("That professional does not exist.")
            before = snapshot(prof, PROFESSIONAL)
            prof.name, prof.title, prof.color = name, details.title.strip(), color or prof.color
            session.flush()
            self._audit(
                session,
                actor.id,
                "update",
                "professional",
                prof.id,
                prof,
                PROFESSIONAL,
                before=before,
            )
            return professional_view(prof)

        return unit_of_work.admin(self.ctx, work)

    @writes(*MANAGERS)
    def reorder_professionals(
        self, actor_id: int, professional_ids: list[int]
    ) -> list[ProfessionalView]:
        """The calendar's columns in the order of ``professional_ids`` (all of the
        clinic's professionals, those who left too)."""

        def work(session: Session) -> list[ProfessionalView]:
            actor = self._actor(session, actor_id, *MANAGERS)
            everyone = directory.professionals(
                session, self.ctx.organization_id, include_inactive=True, now=self.ctx.now()
            )
            found = {p.id: p for p in everyone}
            ordered = entry_checks.order(professional_ids, found, "professionals")
            for position, key in enumerate(ordered):
                prof = found[key]
                if prof.sort_order != position:
                    before = snapshot(prof, ("sort_order",))
                    prof.sort_order = position
                    self._audit(
                        session,
                        actor.id,
                        "reorder",
                        "professional",
                        key,
                        prof,
                        ("sort_order",),
                        before=before,
                    )
            session.flush()
            return [professional_view(found[key]) for key in ordered]

        return unit_of_work.admin(self.ctx, work)

    @readers
    def template(self, kind: str, channel: str) -> tuple[str, str]:
        """(subject, text) the clinic uses for ``kind`` on ``channel``: its own or the default."""
        from scheduler_app.services.outbox import DEFAULT_TEMPLATES

        key = _message_kind(kind, channel)

        def work(session: Session) -> tuple[str, str]:
            custom = directory.message_template(session, self.ctx.organization_id, *key)
            if custom is not None:
                return custom.subject, custom.body
            return DEFAULT_TEMPLATES.get(key, ("", ""))

        return reading.read(self.ctx, work)

    @writes(*MANAGERS)
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

    @writes(*MANAGERS)
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

    @writes(*MANAGERS)
    def update_mail_settings(
        self,
        actor_id: int,
        *,
        host: str,
        port: int,
        security: str,
        user: str,
        sender: str,
        reminder_minutes: tuple[int, ...] | None = None,
    ) -> None:
        """The clinic's mail server (the password goes to the keyring, not here) and,
        when given, the reminder lead times in minutes."""
        host, user, sender = host.strip(), user.strip(), sender.strip()
        if security not in ("none", "starttls", "ssl"):
            raise ValidationError("Mail security must be none, starttls or ssl.")
        if not 1 <= port <= 65535:
            raise ValidationError("The mail server port must be between 1 and 65535.")
        sender = entry_checks.email(sender, "sender")
        if reminder_minutes is not None:
            reminder_minutes = entry_checks.lead_times(reminder_minutes)
        fields = ("smtp_host", "smtp_port", "smtp_security", "smtp_user", "mail_from")

        def work(session: Session) -> None:
            actor = self._actor(session, actor_id, *MANAGERS)
            org = session.get(Organization, self.ctx.organization_id)
            assert org is not None
            before = snapshot(org, fields)
            org.smtp_host, org.smtp_port, org.smtp_security = host, port, security
            org.smtp_user, org.mail_from = user, sender
            if reminder_minutes is not None:
                org.reminder_minutes = storable_lead_times(reminder_minutes)
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
