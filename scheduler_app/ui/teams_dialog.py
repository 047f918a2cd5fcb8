"""Clinic > Teams: teams, their members (role, certifications, hours a week) and the
hours booked with each member this week, marked when past their limit (a warning).

Every change is saved at once through the services; a refusal (a member that
appointments to come still need, say) is shown with its reason and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from scheduler_app.domain.teams import TeamRole
from scheduler_app.errors import SchedulerError
from scheduler_app.services.bundle import Services
from scheduler_app.services.teams import MemberView, TeamView
from scheduler_app.ui.dialog_buttons import Button, dialog_buttons
from scheduler_app.ui.field_errors import FieldErrors
from scheduler_app.ui.i18n import translate
from scheduler_app.ui.list_editing import change_and_reload, problem_line

IdRole = Qt.ItemDataRole.UserRole


def role_names() -> dict[str, str]:
    return {
        TeamRole.MEMBER.value: translate("TeamsDialog", "Member"),
        TeamRole.LEAD.value: translate("TeamsDialog", "Lead"),
        TeamRole.MANAGER.value: translate("TeamsDialog", "Manager"),
        TeamRole.COORDINATOR.value: translate("TeamsDialog", "Coordinator"),
    }


def hours_text(minutes: int) -> str:
    return translate("TeamsDialog", "{hours} h {minutes:02d}").format(
        hours=minutes // 60, minutes=minutes % 60
    )


class TeamEditor(QDialog):
    """A team's name and description (a new team when ``team`` is None)."""

    def __init__(self, services: Services, team: TeamView | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._services = services
        self._team = team
        self.setWindowTitle(
            translate("TeamsDialog", "New team")
            if team is None
            else translate("TeamsDialog", "Team: {name}").format(name=team.name)
        )
        self.errors = FieldErrors(QLabel())
        self.name = QLineEdit(team.name if team else "")
        self.name.setAccessibleName(translate("TeamsDialog", "Name"))
        self.description = QLineEdit(team.description if team else "")
        self.description.setAccessibleName(translate("TeamsDialog", "Description"))
        form = QFormLayout()
        form.addRow(translate("TeamsDialog", "Name"), self.errors.field("name", self.name))
        form.addRow(translate("TeamsDialog", "Description"), self.description)
        buttons = dialog_buttons(self, self.save)
        buttons.button(Button.Save).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.message)
        layout.addWidget(buttons)

    def save(self) -> None:
        teams, actor = self._services.teams, self._services.actor_id
        try:
            if self._team is None:
                teams.add(actor, self.name.text(), self.description.text())
            else:
                team = self._team
                teams.update(
                    actor, team.id, self.name.text(), self.description.text(), team.is_active
                )
        except SchedulerError as exc:
            self.errors.show(exc)
            return
        self.accept()


class MemberEditor(QDialog):
    """One member's role, certifications and hours a week (a new member when
    ``member`` is None: the professional is chosen)."""

    def __init__(
        self,
        services: Services,
        team: TeamView,
        member: MemberView | None,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._team = team
        self.setWindowTitle(translate("TeamsDialog", "Member of {team}").format(team=team.name))
        self.errors = FieldErrors(QLabel())
        self.professional = QComboBox()
        self.professional.setAccessibleName(translate("TeamsDialog", "Professional"))
        inside = {m.professional_id for m in team.members}
        if member is not None:
            self.professional.addItem(member.name, member.professional_id)
            self.professional.setEnabled(False)
        else:
            for prof in services.directory.professionals():
                if prof.id not in inside:
                    self.professional.addItem(prof.name, prof.id)
        self.role = QComboBox()
        self.role.setAccessibleName(translate("TeamsDialog", "Role"))
        for value, label in role_names().items():
            self.role.addItem(label, value)
        self.role.setCurrentIndex(max(0, self.role.findData(member.role if member else "")))
        self.certifications = QLineEdit(member.certifications if member else "")
        self.certifications.setAccessibleName(translate("TeamsDialog", "Certifications"))
        self.certifications.setPlaceholderText(translate("TeamsDialog", "Such as BLS until 2027"))
        self.hours = QSpinBox()
        self.hours.setRange(0, 168)
        self.hours.setSpecialValueText(translate("TeamsDialog", "no limit"))
        self.hours.setSuffix(translate("TeamsDialog", " h"))
        limit = member.max_hours_per_week if member else None
        self.hours.setValue(limit or 0)
        self.hours.setAccessibleName(translate("TeamsDialog", "Hours a week at most"))
        form = QFormLayout()
        form.addRow(translate("TeamsDialog", "Professional"), self.professional)
        form.addRow(translate("TeamsDialog", "Role"), self.errors.field("role", self.role))
        form.addRow(translate("TeamsDialog", "Certifications"), self.certifications)
        form.addRow(
            translate("TeamsDialog", "Hours a week at most"),
            self.errors.field("max_hours_per_week", self.hours),
        )
        buttons = dialog_buttons(self, self.save)
        buttons.button(Button.Save).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.message)
        layout.addWidget(buttons)

    def save(self) -> None:
        professional = self.professional.currentData()
        if professional is None:
            self.reject()
            return
        try:
            self._services.teams.set_member(
                self._services.actor_id,
                self._team.id,
                professional,
                self.role.currentData(),
                self.certifications.text(),
                self.hours.value() or None,
            )
        except SchedulerError as exc:
            self.errors.show(exc)
            return
        self.accept()


class TeamsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("TeamsDialog", "Teams"))
        self.resize(820, 480)
        self._services = services
        self.changed = False
        self.teams = QListWidget()
        self.teams.setAccessibleName(translate("TeamsDialog", "Teams"))
        self.members = QTableWidget(0, 5)
        self.members.setAccessibleName(translate("TeamsDialog", "Members"))
        self.members.setHorizontalHeaderLabels(
            [
                translate("TeamsDialog", "Name"),
                translate("TeamsDialog", "Role"),
                translate("TeamsDialog", "Certifications"),
                translate("TeamsDialog", "Hours a week"),
                translate("TeamsDialog", "Booked this week"),
            ]
        )
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members.horizontalHeader().setStretchLastSection(True)
        self.members.verticalHeader().hide()
        self.add_team_button = QPushButton(translate("TeamsDialog", "Add team..."))
        self.edit_team_button = QPushButton(translate("TeamsDialog", "Rename..."))
        self.retire_button = QPushButton(translate("TeamsDialog", "Retire"))
        self.add_member_button = QPushButton(translate("TeamsDialog", "Add member..."))
        self.edit_member_button = QPushButton(translate("TeamsDialog", "Edit member..."))
        self.remove_member_button = QPushButton(translate("TeamsDialog", "Remove member"))
        team_side = QHBoxLayout()
        for button, slot in (
            (self.add_team_button, self.add_team),
            (self.edit_team_button, self.edit_team),
            (self.retire_button, self.toggle_retired),
        ):
            button.clicked.connect(slot)
            button.setAutoDefault(False)
            team_side.addWidget(button)
        member_side = QHBoxLayout()
        for button, slot in (
            (self.add_member_button, lambda: self.edit_member(None)),
            (self.edit_member_button, lambda: self.edit_member(self.current_member())),
            (self.remove_member_button, self.remove_member),
        ):
            button.clicked.connect(slot)
            button.setAutoDefault(False)
            member_side.addWidget(button)
        self.message = problem_line(translate("TeamsDialog", "What went wrong"))
        left = QVBoxLayout()
        left.addWidget(self.teams, 1)
        left.addLayout(team_side)
        right = QVBoxLayout()
        right.addWidget(self.members, 1)
        right.addLayout(member_side)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                translate(
                    "TeamsDialog",
                    "A service given by a team (Clinic > Services) goes only to its members. "
                    "Hours past a member's limit are marked, not refused.",
                )
            )
        )
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(dialog_buttons(self, accept=Button.Close, reject=Button.Close))
        self.teams.currentRowChanged.connect(lambda _row: self._show_members())
        self.load()

    def load(self, select: int | None = None) -> None:
        try:
            found = self._services.teams.teams()
        except SchedulerError as exc:
            self.message.setText(exc.message)
            return
        self.teams.clear()
        for team in found:
            text = team.name + (
                " " + translate("TeamsDialog", "(retired)") if not team.is_active else ""
            )
            item = QListWidgetItem(text)
            item.setData(IdRole, team)
            if not team.is_active:
                item.setForeground(QColor("#5f6368"))
            self.teams.addItem(item)
        ids = [t.id for t in found]
        self.teams.setCurrentRow(ids.index(select) if select in ids else (0 if ids else -1))
        self._show_members()

    def current(self) -> TeamView | None:
        item = self.teams.currentItem()
        found: TeamView | None = item.data(IdRole) if item is not None else None
        return found

    def current_member(self) -> MemberView | None:
        team, row = self.current(), self.members.currentRow()
        if team is None or not 0 <= row < len(team.members):
            return None
        return team.members[row]

    def _show_members(self) -> None:
        team = self.current()
        members = team.members if team is not None else ()
        roles = role_names()
        self.members.setRowCount(len(members))
        for row, member in enumerate(members):
            limit = member.max_hours_per_week
            booked = hours_text(member.booked_minutes)
            if member.over:
                booked = translate("TeamsDialog", "{booked} — over the limit").format(booked=booked)
            cells = [
                member.name,
                roles.get(member.role, member.role),
                member.certifications,
                translate("TeamsDialog", "{hours} h").format(hours=limit) if limit else "",
                booked,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if member.over and column == 4:
                    item.setForeground(QColor("#b71c1c"))
                self.members.setItem(row, column, item)
        self.members.resizeColumnsToContents()
        for button in (self.edit_team_button, self.retire_button, self.add_member_button):
            button.setEnabled(team is not None)
        for button in (self.edit_member_button, self.remove_member_button):
            button.setEnabled(bool(members))
        self.retire_button.setText(
            translate("TeamsDialog", "Bring back")
            if team is not None and not team.is_active
            else translate("TeamsDialog", "Retire")
        )

    def add_team(self) -> None:
        if TeamEditor(self._services, None, self).exec() == QDialog.DialogCode.Accepted:
            self.changed = True
            self.load()

    def edit_team(self) -> None:
        team = self.current()
        if team is not None and TeamEditor(self._services, team, self).exec():
            self.changed = True
            self.load(team.id)

    def edit_member(self, member: MemberView | None) -> None:
        team = self.current()
        if team is None:
            return
        if MemberEditor(self._services, team, member, self).exec() == QDialog.DialogCode.Accepted:
            self.changed = True
            self.load(team.id)

    def toggle_retired(self) -> None:
        team = self.current()
        if team is None:
            return
        self._run(
            lambda: self._services.teams.update(
                self._services.actor_id, team.id, team.name, team.description, not team.is_active
            ),
            team.id,
        )

    def remove_member(self) -> None:
        team, member = self.current(), self.current_member()
        if team is None or member is None:
            return
        self._run(
            lambda: self._services.teams.remove_member(
                self._services.actor_id, team.id, member.professional_id
            ),
            team.id,
        )

    def _run(self, change: Callable[[], object], select: int) -> None:
        change_and_reload(self, change, select)
