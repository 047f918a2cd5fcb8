"""Staff accounts: signing in, lock-out, passwords, roles, and the sign-in settings.

- Signing in takes a username and a password (Argon2 hashes, see `passwords`).
  After `MAX_ATTEMPTS` wrong passwords in a row the account waits `LOCK_OUT`
  (an administrator may unlock it sooner). An unknown name and a wrong password
  get the same answer.
- An administrator creates accounts with a temporary password, resets
  passwords (the person chooses a new one at the next sign-in), changes roles,
  disables accounts and links an account to a professional. The clinic always
  keeps an active administrator.
- A new clinic's first account is its administrator, made in the first-start
  set-up. Accounts made before sign-in existed have no password: the first
  start after the upgrade asks the administrator to choose one.
- Single-user mode (an administrator's choice): the desk opens as the clinic's
  administrator with no sign-in.

Staff changes add no demand on the schedule: no scheduling lock. Each is audited
(never with a password or its hash).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from scheduler_app.db import staff as staff_rows
from scheduler_app.db.models import Organization, Role, StaffUser
from scheduler_app.errors import (
    NotFoundError,
    PermissionDeniedError,
    SchedulerError,
    ValidationError,
)
from scheduler_app.services import passwords, reading, unit_of_work
from scheduler_app.services.audit import record, snapshot
from scheduler_app.services.context import ServiceContext
from scheduler_app.services.guard import guarded
from scheduler_app.services.permissions import (
    Person,
    before_sign_in,
    readers,
    reads,
    writers,
    writes,
)

#: Wrong passwords in a row before the account waits.
MAX_ATTEMPTS = 5
LOCK_OUT = timedelta(minutes=5)
#: What an account's audit entries show (never its password).
AUDITED = ("username", "display_name", "role", "is_active", "professional_id")
SETTINGS_AUDITED = ("idle_lock_minutes", "single_user", "assign_role", "confirm_role")
WRONG = "Wrong username or password."


class SignInError(SchedulerError):
    """Signing in was refused (the message says why)."""

    title = "Cannot sign in"


class PasswordChangeRequiredError(SchedulerError):
    """The password was right, and an administrator's reset asks for a new one."""

    title = "Choose a new password"


@dataclass(frozen=True, slots=True)
class StaffView:
    id: int
    username: str
    display_name: str
    role: str
    is_active: bool
    has_password: bool
    must_change_password: bool
    locked_until: datetime | None
    last_sign_in_at: datetime | None
    professional_id: int | None
    professional_name: str | None


@dataclass(frozen=True, slots=True)
class SignInSettings:
    #: Minutes without use before the desk locks (0: never).
    idle_lock_minutes: int = 10
    #: One person, no sign-in.
    single_user: bool = False
    #: The least role that may assign professionals / confirm appointments.
    assign_role: str = Role.RECEPTION.value
    confirm_role: str = Role.RECEPTION.value


@dataclass(frozen=True, slots=True)
class FirstAccount:
    """What the first start must ask: a new administrator, or the password of the
    existing administrator ``username`` (accounts made before sign-in existed)."""

    username: str | None
    display_name: str | None


def signed_in_account(ctx: ServiceContext, actor_id: int) -> Person | None:
    """The active account ``actor_id`` of this clinic, as the desk keeps it."""

    def work(conn: Connection) -> Person | None:
        row = staff_rows.account_state(conn, ctx.organization_id, actor_id)
        return Person(row.id, row.username, row.display_name, Role(row.role)) if row else None

    return reading.read_connection(ctx, work)


def least_role(ctx: ServiceContext, setting: str) -> Role:
    """The least role the clinic's ``setting`` (assign_role, confirm_role) allows."""
    return reading.read_connection(
        ctx, lambda conn: staff_rows.least_role(conn, ctx.organization_id, setting)
    )


@guarded
class StaffService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- before anyone is signed in ----------------------------------------------

    @before_sign_in
    def sign_in_settings(self) -> SignInSettings:
        return reading.read(
            self.ctx,
            lambda session: _settings(staff_rows.organization(session, self.ctx.organization_id)),
        )

    @before_sign_in
    def first_account(self) -> FirstAccount | None:
        """What the first start must ask, or None when some account has a password
        (or the clinic is in single-user mode)."""

        def work(session: Session) -> FirstAccount | None:
            org_id = self.ctx.organization_id
            org = staff_rows.organization(session, org_id)
            if org.single_user or staff_rows.with_password(session, org_id):
                return None
            admin = staff_rows.first_admin(session, org_id)
            if admin is None:
                return FirstAccount(None, None)
            return FirstAccount(admin.username, admin.display_name)

        return reading.read(self.ctx, work)

    @before_sign_in
    def create_first_admin(self, username: str, display_name: str, password: str) -> Person:
        """The clinic's administrator, with ``password`` (only while no account has
        one), signed in. An existing administrator called ``username`` (made before
        sign-in existed) gets the password; otherwise a new one is made."""
        username, display_name = _names(username, display_name)
        passwords.check_new(password)
        hashed = passwords.hash_password(password)

        def work(session: Session) -> Person:
            org_id = self.ctx.organization_id
            if staff_rows.with_password(session, org_id):
                raise PermissionDeniedError(
                    "This clinic already has accounts with passwords: please sign in."
                )
            user = staff_rows.named(session, org_id, username)
            before = snapshot(user, AUDITED) if user is not None else None
            if user is None:
                user = StaffUser(organization_id=org_id, username=username)
                session.add(user)
            user.display_name, user.role, user.is_active = display_name, Role.ADMIN, True
            user.password_hash, user.must_change_password = hashed, False
            user.failed_attempts, user.locked_until = 0, None
            user.last_sign_in_at = self.ctx.now()
            session.flush()
            self._audit(session, user.id, "first admin", user, before)
            return _person(user)

        person = unit_of_work.admin(self.ctx, work)
        self.ctx.desk.become(person.id, person)
        return person

    @before_sign_in
    def sign_in(self, username: str, password: str, new_password: str | None = None) -> Person:
        """Sign ``username`` in at this desk.

        Raises `SignInError` (wrong password, locked out, no password yet) or
        `PasswordChangeRequiredError` after an administrator's reset unless
        ``new_password`` is given, which then replaces it.
        """
        if new_password is not None:
            passwords.check_new(new_password)
            if new_password == password:
                raise ValidationError(
                    "Choose a password other than the one you were given.", "new_password"
                )
        hashed_new = passwords.hash_password(new_password) if new_password is not None else None
        if self.ctx.database.read_only:
            return self._sign_in_read_only(username, password)
        outcome: list[SchedulerError] = []

        def work(session: Session) -> Person | None:
            now = self.ctx.now()
            user = staff_rows.named(session, self.ctx.organization_id, username)
            if user is None or not user.is_active:
                passwords.verify(_DUMMY_HASH, password)  # the same time as a real check
                outcome.append(SignInError(WRONG))
                return None
            if user.locked_until is not None and user.locked_until > now:
                outcome.append(SignInError(_locked_message(self.ctx, user.locked_until)))
                return None
            if user.password_hash is None:
                outcome.append(
                    SignInError(
                        "This account has no password yet: an administrator sets one in "
                        "Clinic > Staff."
                    )
                )
                return None
            if not passwords.verify(user.password_hash, password):
                user.failed_attempts += 1
                action = "sign-in refused"
                if user.failed_attempts >= MAX_ATTEMPTS:
                    user.failed_attempts, user.locked_until = 0, now + LOCK_OUT
                    action = "locked out"
                    outcome.append(SignInError(_locked_message(self.ctx, user.locked_until)))
                else:
                    outcome.append(SignInError(WRONG))
                session.flush()
                self._audit(session, user.id, action, user, None)
                return None
            user.failed_attempts, user.locked_until = 0, None
            if user.must_change_password:
                if hashed_new is None:
                    outcome.append(
                        PasswordChangeRequiredError(
                            "An administrator reset your password: please choose a new one."
                        )
                    )
                    return None
                user.password_hash, user.must_change_password = hashed_new, False
                self._audit(session, user.id, "password changed", user, None)
            elif passwords.needs_rehash(user.password_hash):
                user.password_hash = passwords.hash_password(password)
            user.last_sign_in_at = now
            session.flush()
            self._audit(session, user.id, "sign in", user, None)
            return _person(user)

        person = unit_of_work.admin(self.ctx, work)
        if person is None:
            raise outcome[0]
        self.ctx.desk.become(person.id, person)
        return person

    def _sign_in_read_only(self, username: str, password: str) -> Person:
        def work(session: Session) -> Person:
            user = staff_rows.named(session, self.ctx.organization_id, username)
            if user is None or not user.is_active:
                raise SignInError(WRONG)
            if not passwords.verify(user.password_hash, password):
                raise SignInError(WRONG)
            return _person(user)

        person = reading.read(self.ctx, work)
        self.ctx.desk.become(person.id, person)
        return person

    @before_sign_in
    def sign_in_single_user(self) -> Person | None:
        """In single-user mode, sign the clinic's administrator in (None otherwise)."""

        def work(session: Session) -> Person | None:
            org_id = self.ctx.organization_id
            if not staff_rows.organization(session, org_id).single_user:
                return None
            admin = staff_rows.first_admin(session, org_id)
            return _person(admin) if admin is not None else None

        person = reading.read(self.ctx, work)
        if person is not None:
            self.ctx.desk.become(person.id, person)
        return person

    @before_sign_in
    def sign_out(self) -> None:
        self.ctx.desk.sign_out()

    # -- the signed-in person ------------------------------------------------------

    @readers
    def me(self) -> StaffView:
        person = self.ctx.desk.current(self.ctx)
        return reading.read(self.ctx, lambda session: self._view(session, person.id))

    @writers
    def change_password(self, actor_id: int, current: str, new: str) -> None:
        passwords.check_new(new)
        hashed = passwords.hash_password(new)

        def work(session: Session) -> None:
            user = self._account(session, actor_id)
            # No password yet (single-user mode, or made before sign-in): the first one.
            if user.password_hash is not None and not passwords.verify(user.password_hash, current):
                raise ValidationError("The current password is not right.", "current")
            user.password_hash, user.must_change_password = hashed, False
            self._audit(session, actor_id, "password changed", user, None)

        unit_of_work.admin(self.ctx, work)

    # -- administration ------------------------------------------------------------

    @reads(Role.ADMIN)
    def accounts(self) -> list[StaffView]:
        def work(session: Session) -> list[StaffView]:
            org_id = self.ctx.organization_id
            names = staff_rows.professional_names(session, org_id)
            return [_view(u, names) for u in staff_rows.accounts(session, org_id)]

        return reading.read(self.ctx, work)

    @writes(Role.ADMIN)
    def create(
        self, actor_id: int, username: str, display_name: str, role: str, password: str
    ) -> StaffView:
        """A new account with a temporary ``password`` (its owner chooses their own
        at the first sign-in)."""
        username, display_name = _names(username, display_name)
        wanted = _role(role)
        passwords.check_new(password)
        hashed = passwords.hash_password(password)

        def work(session: Session) -> StaffView:
            org_id = self.ctx.organization_id
            self._admin(session, actor_id)
            if staff_rows.named(session, org_id, username) is not None:
                raise ValidationError(f"There is already an account {username!r}.", "username")
            user = StaffUser(
                organization_id=org_id,
                username=username,
                display_name=display_name,
                role=wanted,
                is_active=True,
                password_hash=hashed,
                must_change_password=True,
                failed_attempts=0,
            )
            session.add(user)
            session.flush()
            self._audit(session, actor_id, "add", user, None)
            return self._view(session, user.id)

        return unit_of_work.admin(self.ctx, work)

    @writes(Role.ADMIN)
    def set_role(self, actor_id: int, staff_id: int, role: str) -> StaffView:
        wanted = _role(role)

        def work(session: Session) -> StaffView:
            self._admin(session, actor_id)
            user = self._account(session, staff_id)
            before = snapshot(user, AUDITED)
            if user.role is Role.ADMIN and wanted is not Role.ADMIN and user.is_active:
                self._keep_an_admin(session)
            user.role = wanted
            session.flush()
            self._audit(session, actor_id, "role", user, before)
            return self._view(session, staff_id)

        return unit_of_work.admin(self.ctx, work)

    @writes(Role.ADMIN)
    def set_active(self, actor_id: int, staff_id: int, active: bool) -> StaffView:
        """Disable an account (it can no longer sign in; its history stays) or enable it."""

        def work(session: Session) -> StaffView:
            self._admin(session, actor_id)
            user = self._account(session, staff_id)
            before = snapshot(user, AUDITED)
            if not active and user.is_active and user.role is Role.ADMIN:
                self._keep_an_admin(session)
            user.is_active = active
            session.flush()
            self._audit(session, actor_id, "enable" if active else "disable", user, before)
            return self._view(session, staff_id)

        return unit_of_work.admin(self.ctx, work)

    @writes(Role.ADMIN)
    def reset_password(self, actor_id: int, staff_id: int, temporary: str) -> StaffView:
        """Give the account a temporary password, to be changed at its next sign-in
        (this also unlocks it)."""
        passwords.check_new(temporary)
        hashed = passwords.hash_password(temporary)

        def work(session: Session) -> StaffView:
            self._admin(session, actor_id)
            user = self._account(session, staff_id)
            user.password_hash, user.must_change_password = hashed, True
            user.failed_attempts, user.locked_until = 0, None
            session.flush()
            self._audit(session, actor_id, "password reset", user, None)
            return self._view(session, staff_id)

        return unit_of_work.admin(self.ctx, work)

    @writes(Role.ADMIN)
    def unlock(self, actor_id: int, staff_id: int) -> StaffView:
        def work(session: Session) -> StaffView:
            self._admin(session, actor_id)
            user = self._account(session, staff_id)
            user.failed_attempts, user.locked_until = 0, None
            session.flush()
            self._audit(session, actor_id, "unlock", user, None)
            return self._view(session, staff_id)

        return unit_of_work.admin(self.ctx, work)

    @writes(Role.ADMIN)
    def link_professional(
        self, actor_id: int, staff_id: int, professional_id: int | None
    ) -> StaffView:
        """The account is that professional (None: no professional)."""

        def work(session: Session) -> StaffView:
            org_id = self.ctx.organization_id
            self._admin(session, actor_id)
            user = self._account(session, staff_id)
            if (
                professional_id is not None
                and staff_rows.professional_of(session, org_id, professional_id) is None
            ):
                raise NotFoundError("That professional no longer exists.")
            before = snapshot(user, AUDITED)
            user.professional_id = professional_id
            session.flush()
            self._audit(session, actor_id, "link professional", user, before)
            return self._view(session, staff_id)

        return unit_of_work.admin(self.ctx, work)

    @writes(Role.ADMIN)
    def save_sign_in_settings(self, actor_id: int, settings: SignInSettings) -> SignInSettings:
        if not 0 <= settings.idle_lock_minutes <= 24 * 60:
            raise ValidationError(
                "The idle lock must be between 0 (never) and 1,440 minutes.", "idle_lock_minutes"
            )
        assign, confirm = _role(settings.assign_role), _role(settings.confirm_role)

        def work(session: Session) -> SignInSettings:
            self._admin(session, actor_id)
            org = staff_rows.organization(session, self.ctx.organization_id)
            before = snapshot(org, SETTINGS_AUDITED)
            ending = org.single_user and not settings.single_user
            if ending and self._account(session, actor_id).password_hash is None:
                raise ValidationError(
                    "Choose your own password first (Staff > Change password): with "
                    "single-user mode off, everyone signs in with one.",
                    "single_user",
                )
            org.idle_lock_minutes = settings.idle_lock_minutes
            org.single_user = settings.single_user
            org.assign_role, org.confirm_role = assign, confirm
            session.flush()
            record(
                session.connection(),
                self.ctx,
                actor_id,
                "sign-in settings",
                "organization",
                org.id,
                before=before,
                after=snapshot(org, SETTINGS_AUDITED),
            )
            return _settings(org)

        return unit_of_work.admin(self.ctx, work)

    # -- helpers -------------------------------------------------------------------

    def _admin(self, session: Session, actor_id: int) -> None:
        """``actor_id`` is an active administrator of this clinic (checked in the
        transaction that makes the change)."""
        user = staff_rows.get(session, self.ctx.organization_id, actor_id)
        if user is None or not user.is_active:
            raise PermissionDeniedError("Your staff account is unknown or disabled.")
        if user.role is not Role.ADMIN:
            raise PermissionDeniedError("Only an admin can do that.")

    def _account(self, session: Session, staff_id: int) -> StaffUser:
        user = staff_rows.get(session, self.ctx.organization_id, staff_id)
        if user is None:
            raise NotFoundError("That staff account no longer exists.")
        return user

    def _keep_an_admin(self, session: Session) -> None:
        if staff_rows.active_admins(session, self.ctx.organization_id) <= 1:
            raise ValidationError(
                "The clinic needs at least one active administrator: make someone else "
                "an administrator first."
            )

    def _view(self, session: Session, staff_id: int) -> StaffView:
        names = staff_rows.professional_names(session, self.ctx.organization_id)
        return _view(self._account(session, staff_id), names)

    def _audit(
        self,
        session: Session,
        actor_id: int,
        action: str,
        user: StaffUser,
        before: dict[str, object] | None,
    ) -> None:
        record(
            session.connection(),
            self.ctx,
            actor_id,
            action,
            "staff_user",
            user.id,
            before=before,
            after=snapshot(user, AUDITED),
        )


#: Checked when the name is unknown, so that it takes as long as a real check.
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$LWPk9LHWqotHLfwymqZqSA$"
    "GjsDJBt5+tNKZJ+wVSW0PD5UkA+u2Q6i5L5CYb95aCA"
)


def _names(username: str, display_name: str) -> tuple[str, str]:
    username, display_name = username.strip(), " ".join(display_name.split())
    if not username:
        raise ValidationError("Please give a username.", "username")
    if any(c.isspace() for c in username):
        raise ValidationError("A username has no spaces.", "username")
    return username, display_name or username


def _role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise ValidationError(f"There is no role {value!r}.", "role") from None


def _person(user: StaffUser) -> Person:
    return Person(user.id, user.username, user.display_name, user.role)


def _settings(org: Organization) -> SignInSettings:
    return SignInSettings(
        org.idle_lock_minutes, org.single_user, org.assign_role.value, org.confirm_role.value
    )


def _view(user: StaffUser, professionals: dict[int, str]) -> StaffView:
    return StaffView(
        user.id,
        user.username,
        user.display_name,
        user.role.value,
        user.is_active,
        user.password_hash is not None,
        user.must_change_password,
        user.locked_until,
        user.last_sign_in_at,
        user.professional_id,
        professionals.get(user.professional_id) if user.professional_id is not None else None,
    )


def _locked_message(ctx: ServiceContext, until: datetime) -> str:
    local = until.astimezone(ctx.timezone)
    return (
        f"Too many wrong passwords: this account can try again at {local:%H:%M}, "
        "or an administrator can unlock it in Clinic > Staff."
    )
