"""Staff accounts: the first administrator, signing in, lock-out, resets, roles."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from scheduler_app.db.engine import Database
from scheduler_app.db.models import AuditEntry, Role, StaffUser
from scheduler_app.errors import PermissionDeniedError, ValidationError
from scheduler_app.services.bundle import build_services
from scheduler_app.services.staff import (
    LOCK_OUT,
    MAX_ATTEMPTS,
    FirstAccount,
    PasswordChangeRequiredError,
    SignInError,
)
from tests.conftest import NOW, Clinic, Clock


def test_a_new_clinic_has_no_account_until_the_first_administrator_is_made(
    database: Database,
) -> None:
    services = build_services(database, clock=Clock(NOW), timezone="Europe/Lisbon")
    with database.read_sessions() as session:
        assert session.scalars(select(StaffUser)).all() == []  # no silent administrator
    assert services.staff.first_account() == FirstAccount(None, None)
    with pytest.raises(PermissionDeniedError, match="Nobody is signed in"):
        services.directory.professionals()
    with pytest.raises(ValidationError, match="at least 8"):
        services.staff.create_first_admin("ana", "Ana Lopes", "short")
    ana = services.staff.create_first_admin("ana", "Ana Lopes", "a good password")
    assert ana.role is Role.ADMIN and services.actor_id == ana.id
    assert services.staff.first_account() is None
    with database.read_sessions() as session:
        stored = session.scalars(select(StaffUser)).one()
    assert stored.password_hash is not None and stored.password_hash.startswith("$argon2id$")
    assert "a good password" not in stored.password_hash
    with pytest.raises(PermissionDeniedError, match="already has accounts"):
        services.staff.create_first_admin("eve", "Eve", "another password")


def test_an_older_clinics_administrator_chooses_a_password(clinic: Clinic) -> None:
    """Accounts made before sign-in existed have no password: the first start asks
    the administrator for one, and the account keeps its id and history."""
    staff = clinic.services.staff
    assert staff.first_account() == FirstAccount("admin", "admin")
    person = staff.create_first_admin("admin", "Admin", "the admin password")
    assert person.id == clinic.admin


def test_sign_in_lock_out_and_unlock(clinic: Clinic) -> None:
    staff = clinic.services.staff
    staff.create_first_admin("admin", "Admin", "the admin password")
    desk = staff.create(clinic.admin, "rita", "Rita", "reception", "temporary1").id
    staff.sign_out()
    with pytest.raises(SignInError, match="Wrong username or password"):
        staff.sign_in("nobody", "whatever1")
    with pytest.raises(PasswordChangeRequiredError):
        staff.sign_in("rita", "temporary1")  # an administrator's password: choose one
    assert clinic.services.actor_id == 0
    assert staff.sign_in("Rita", "temporary1", new_password="rita's own").id == desk
    staff.sign_out()
    for _ in range(MAX_ATTEMPTS - 1):
        with pytest.raises(SignInError, match="Wrong username or password"):
            staff.sign_in("rita", "wrong password")
    with pytest.raises(SignInError, match="Too many wrong passwords"):
        staff.sign_in("rita", "wrong password")
    with pytest.raises(SignInError, match="Too many wrong passwords"):
        staff.sign_in("rita", "rita's own")  # the right one waits too
    clinic.clock.now += LOCK_OUT + timedelta(seconds=1)
    assert staff.sign_in("rita", "rita's own").id == desk
    staff.sign_out()
    for _ in range(MAX_ATTEMPTS):
        with pytest.raises(SignInError):
            staff.sign_in("rita", "wrong password")
    staff.sign_in("admin", "the admin password")
    assert staff.unlock(clinic.admin, desk).locked_until is None
    staff.sign_out()
    assert staff.sign_in("rita", "rita's own").id == desk
    with clinic.services.database.read_sessions() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "staff_user")
        ).all()
    assert actions.count("locked out") == 2 and "unlock" in actions and "sign in" in actions


def test_a_reset_forces_a_new_password(clinic: Clinic) -> None:
    staff = clinic.services.staff
    staff.create_first_admin("admin", "Admin", "the admin password")
    desk = staff.create(clinic.admin, "rita", "Rita", "reception", "temporary1").id
    staff.sign_out()
    staff.sign_in("rita", "temporary1", new_password="rita's own")
    staff.sign_in("admin", "the admin password")
    staff.reset_password(clinic.admin, desk, "temporary2")
    staff.sign_out()
    with pytest.raises(SignInError):
        staff.sign_in("rita", "rita's own")  # the old one is gone
    with pytest.raises(PasswordChangeRequiredError):
        staff.sign_in("rita", "temporary2")
    with pytest.raises(ValidationError, match="other than the one you were given"):
        staff.sign_in("rita", "temporary2", new_password="temporary2")
    assert staff.sign_in("rita", "temporary2", new_password="a new one!").id == desk
    with pytest.raises(ValidationError, match="current password is not right"):
        staff.change_password(desk, "wrong", "another one")
    staff.change_password(desk, "a new one!", "another one")
    staff.sign_out()
    assert staff.sign_in("rita", "another one").id == desk


def test_the_clinic_keeps_an_active_administrator(clinic: Clinic) -> None:
    staff = clinic.services.staff
    with pytest.raises(ValidationError, match="at least one active administrator"):
        staff.set_role(clinic.admin, clinic.admin, "manager")
    with pytest.raises(ValidationError, match="at least one active administrator"):
        staff.set_active(clinic.admin, clinic.admin, False)
    other = staff.create(clinic.admin, "boss", "Boss", "admin", "temporary1").id
    assert staff.set_role(clinic.admin, clinic.admin, "manager").role == "manager"
    clinic.sign_in(other)
    with pytest.raises(ValidationError, match="at least one active administrator"):
        staff.set_active(other, other, False)
    assert staff.set_active(other, clinic.admin, False).is_active is False


def test_a_professional_may_have_an_account(clinic: Clinic) -> None:
    (prof,) = clinic.professionals("Dr Ana Silva")
    staff = clinic.services.staff
    ana = staff.create(clinic.admin, "ana", "Ana Silva", "reception", "temporary1").id
    linked = staff.link_professional(clinic.admin, ana, prof)
    assert (linked.professional_id, linked.professional_name) == (prof, "Dr Ana Silva")
    assert staff.link_professional(clinic.admin, ana, None).professional_id is None


def test_single_user_mode_opens_without_sign_in(clinic: Clinic) -> None:
    from scheduler_app.services.staff import SignInSettings

    staff = clinic.services.staff
    assert staff.sign_in_single_user() is None
    staff.save_sign_in_settings(clinic.admin, SignInSettings(single_user=True))
    staff.sign_out()
    assert staff.sign_in_settings().single_user
    person = staff.sign_in_single_user()
    assert person is not None and person.id == clinic.admin


def test_single_user_mode_ends_only_once_the_administrator_has_a_password(
    clinic: Clinic,
) -> None:
    from scheduler_app.services.staff import SignInSettings

    staff = clinic.services.staff
    staff.save_sign_in_settings(clinic.admin, SignInSettings(single_user=True))
    with pytest.raises(ValidationError, match="Choose your own password first"):
        staff.save_sign_in_settings(clinic.admin, SignInSettings(single_user=False))
    staff.change_password(clinic.admin, "", "my own password")  # the first one
    staff.save_sign_in_settings(clinic.admin, SignInSettings(single_user=False))
    staff.sign_out()
    assert staff.sign_in_single_user() is None
    assert staff.sign_in("admin", "my own password").id == clinic.admin
