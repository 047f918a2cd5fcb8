"""Month view: six weeks of days, each listing its appointments as far as they fit.

Click an appointment to select it, drag it to another day to move it there
(same time, same professional; checked while hovering, decided on drop),
double-click a day, or click its "+N more", to open it in the day view. A day
the whole clinic is closed (a public holiday, a closure, a closed weekday) is
shaded and says why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QLocale, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from scheduler_app.domain.localtime import LocalTimeError, localize
from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui.appointment_model import (
    AppointmentRole,
    AppointmentTableModel,
)
from scheduler_app.ui.calendar.blocks import Palette
from scheduler_app.ui.calendar.period import Period, Span
from scheduler_app.ui.calendar.placement import HIDDEN_STATUSES
from scheduler_app.ui.calendar.resource_grid import Checker
from scheduler_app.ui.calendar.shading import OffTime, closed_days
from scheduler_app.ui.i18n import time_text, translate, weekday_name
from scheduler_app.ui.working_time_words import shade_text

HEADER = 24
LINE = 17
OTHER_MONTH_TEXT = "#5f6b73"  # days of the months around: quieter, still 4.5:1
CLOSED_DAY = QColor("#e4e8eb")
CLOSED_TEXT = QColor("#455a64")  # 5.6:1 on CLOSED_DAY


@dataclass
class _Drag:
    appointment: AppointmentView
    origin: date
    target: date | None = None
    allowed: bool | None = None


class MonthView(QWidget):
    selection_changed = Signal(object)  # AppointmentView or None
    day_chosen = Signal(object)  # date: a click on a day
    day_opened = Signal(object)  # date: a double-click
    move_requested = Signal(object, object, object, object)  # appointment, start, end, prof
    context_requested = Signal(object, QPoint)
    hover_message = Signal(str)

    def __init__(
        self,
        model: AppointmentTableModel,
        tz: ZoneInfo,
        check: Checker,
        *,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.tz = tz
        self.check = check
        self.now = now
        self.period = Period(Span.MONTH, now().astimezone(tz).date())
        self.selected: int | None = None
        self._by_day: dict[date, list[AppointmentView]] = {}
        self.off_times: list[OffTime] = []
        #: The days the whole clinic is closed, with what they say.
        self.closed: dict[date, str] = {}
        self._lines: list[tuple[QRectF, AppointmentView]] = []
        self._more: list[tuple[QRectF, date]] = []  # the "+N more" of each full day
        self._drag: _Drag | None = None
        self._stale = False
        self.fills = Palette()
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        model.modelReset.connect(self._reload)

    def sizeHint(self) -> QSize:
        return QSize(900, 640)

    def set_period(self, period: Period) -> None:
        self.period = period
        self._reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._reload()

    def set_off_times(self, off: Sequence[OffTime]) -> None:
        """The period's time off (closed days are marked at the next reload)."""
        self.off_times = list(off)

    def _reload(self) -> None:
        if not self.isVisible():  # the model changes with every view: only when shown
            self._stale = True
            return
        self._stale = False
        self.closed = closed_days(self.off_times, self.period.days, self.tz, shade_text)
        days = set(self.period.days)
        by_day: dict[date, list[AppointmentView]] = {}
        for row in range(self.model.rowCount()):
            appt = self.model.data(self.model.index(row, 0), AppointmentRole)
            if appt is None or appt.status.value in HIDDEN_STATUSES:
                continue
            day = appt.start.astimezone(self.tz).date()
            if day in days:
                by_day.setdefault(day, []).append(appt)
        for appts in by_day.values():
            appts.sort(key=lambda a: (a.start, a.professional_name, a.id))
        self._by_day = by_day
        self.update()

    def appointments_on(self, day: date) -> list[AppointmentView]:
        return list(self._by_day.get(day, []))

    # -- geometry ------------------------------------------------------------

    def cell_rect(self, index: int) -> QRectF:
        width = self.width() / 7
        height = (self.height() - HEADER) / 6
        row, column = divmod(index, 7)
        return QRectF(column * width, HEADER + row * height, width, height)

    def day_at(self, pos: QPointF) -> date | None:
        if pos.y() < HEADER or not self.rect().contains(pos.toPoint()):
            return None
        column = int(pos.x() // (self.width() / 7))
        row = int((pos.y() - HEADER) // ((self.height() - HEADER) / 6))
        index = row * 7 + column
        return self.period.days[index] if 0 <= index < 42 else None

    def line_at(self, pos: QPointF) -> AppointmentView | None:
        return next((a for rect, a in self._lines if rect.contains(pos)), None)

    def more_at(self, pos: QPointF) -> date | None:
        """The day whose "+N more" is at ``pos``."""
        return next((day for rect, day in self._more if rect.contains(pos)), None)

    def more_rect(self, day: date) -> QRectF | None:
        return next((rect for rect, d in self._more if d == day), None)

    # -- painting ------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.fillRect(QRectF(0, 0, self.width(), HEADER), QColor("#f4f6f8"))
        bold = QFont(painter.font())
        bold.setBold(True)
        small = QFont(painter.font())
        small.setPointSizeF(8.5)
        painter.setFont(bold)
        painter.setPen(QColor("#222222"))
        for column, day in enumerate(self.period.days[:7]):
            rect = QRectF(column * self.width() / 7, 0, self.width() / 7, HEADER)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, weekday_name(day))
        today = self.now().astimezone(self.tz).date()
        month = self.period.anchor.month
        self._lines = []
        self._more = []
        drag = self._drag
        for index, day in enumerate(self.period.days):
            rect = self.cell_rect(index)
            if day.month != month:
                painter.fillRect(rect, QColor("#f7f8f9"))
            if day in self.closed:
                painter.fillRect(rect, CLOSED_DAY)
            if day < today:
                painter.fillRect(rect, QColor(0, 0, 0, 10))
            painter.setPen(QPen(QColor("#cfd8dc")))
            painter.drawRect(rect)
            if drag is not None and drag.target == day and drag.allowed is not None:
                color = QColor("#2e7d32") if drag.allowed else QColor("#c62828")
                painter.setPen(QPen(color, 2.5))
                painter.drawRect(rect.adjusted(2, 2, -2, -2))
            self._paint_day(painter, rect, day, day == today, day.month == month, bold, small)
        painter.end()

    def _paint_day(
        self,
        painter: QPainter,
        rect: QRectF,
        day: date,
        is_today: bool,
        in_month: bool,
        bold: QFont,
        small: QFont,
    ) -> None:
        painter.setFont(bold)
        painter.setPen(
            QColor("#c62828") if is_today else QColor("#222222" if in_month else OTHER_MONTH_TEXT)
        )
        title = str(day.day)
        if day.day == 1:
            month = QLocale().monthName(day.month, QLocale.FormatType.ShortFormat)
            title = f"{day.day} {month}"
        painter.drawText(rect.adjusted(5, 2, -5, 0), Qt.AlignmentFlag.AlignLeft, title)
        appts = self._by_day.get(day, [])
        painter.setFont(small)
        metrics = painter.fontMetrics()
        closed = self.closed.get(day)
        if closed:
            painter.setPen(CLOSED_TEXT)
            label = rect.adjusted(5 + metrics.horizontalAdvance(title) + 14, 3, -5, 0)
            painter.drawText(
                label,
                int(Qt.AlignmentFlag.AlignRight),
                metrics.elidedText(closed, Qt.TextElideMode.ElideRight, int(label.width())),
            )
        top = rect.top() + 20
        room = max(0, int((rect.bottom() - top - 2) // LINE))
        shown = appts if len(appts) <= room else appts[: max(0, room - 1)]
        for appt in shown:
            line = QRectF(rect.left() + 3, top, rect.width() - 6, LINE - 2)
            painter.fillRect(line, self.fills.brush(appt))
            if appt.id == self.selected:
                painter.setPen(QPen(QColor("#1565c0"), 1.5))
                painter.drawRect(line)
            painter.setPen(QColor("#1a1a1a"))
            start = appt.start.astimezone(self.tz)
            who = appt.client_name or appt.title or appt.service_name
            text = f"{time_text(start)} {who}".rstrip()
            if appt.professional_name:
                text += f" - {appt.professional_name}"
            painter.drawText(
                line.adjusted(3, 0, -2, 0),
                Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(line.width()) - 5),
            )
            self._lines.append((line, appt))
            top += LINE
        if len(shown) < len(appts):
            hidden = len(appts) - len(shown)
            more_text = translate("MonthView", "+{count} more").format(count=hidden)
            more = QRectF(rect.left() + 3, top, rect.width() - 6, LINE - 2)
            font = QFont(small)
            font.setUnderline(True)  # a link: it opens the day
            painter.setFont(font)
            painter.setPen(QColor("#0d47a1"))
            painter.drawText(
                more.adjusted(3, 0, 0, 0),
                Qt.AlignmentFlag.AlignVCenter,
                more_text,
            )
            self._more.append((more, day))

    def event(self, event: QEvent) -> bool:
        """A closed day's tooltip names why (the cell may shorten it)."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.day_at(QPointF(event.pos()))
            why = self.closed.get(day) if day is not None else None
            if why and self.line_at(QPointF(event.pos())) is None:
                QToolTip.showText(event.globalPos(), why, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    # -- mouse ---------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position()
        more = self.more_at(pos)
        if more is not None:
            self.day_opened.emit(more)
            return
        appt = self.line_at(pos)
        self.select(appt.id if appt else None)
        self.selection_changed.emit(appt)
        day = self.day_at(pos)
        if appt is not None and appt.status.is_active and day is not None:
            self._drag = _Drag(appt, day)
        elif day is not None:
            self.day_chosen.emit(day)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        drag = self._drag
        if drag is None:
            return
        day = self.day_at(event.position())
        if day == drag.target:
            return
        drag.target = day
        drag.allowed = None
        if day is not None and day != drag.origin:
            moved = self._moved(drag.appointment, day)
            if isinstance(moved, str):
                drag.allowed, message = False, moved
            else:
                verdict = self.check(
                    moved[0], moved[1], drag.appointment.professional_id, drag.appointment.id
                )
                drag.allowed, message = verdict.ok, verdict.reason
            self.hover_message.emit("" if drag.allowed else message)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag = self._drag, None
        self.update()
        if drag is None or drag.target is None or drag.target == drag.origin:
            return
        moved = self._moved(drag.appointment, drag.target)
        if isinstance(moved, str):
            self.hover_message.emit(moved)
            return
        appt = drag.appointment
        self.move_requested.emit(appt, moved[0], moved[1], appt.professional_id)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position())
        if day is not None:
            self.day_opened.emit(day)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        appt = self.line_at(QPointF(event.pos()))
        if appt is not None:
            self.select(appt.id)
            self.selection_changed.emit(appt)
            self.context_requested.emit(appt, event.globalPos())

    def select(self, appointment_id: int | None) -> None:
        self.selected = appointment_id
        self.update()

    def _moved(self, appt: AppointmentView, day: date) -> tuple[datetime, datetime] | str:
        """The appointment's times on ``day`` (same wall-clock time), or why not."""
        start = appt.start.astimezone(self.tz)
        try:
            new_start = localize(day, start.time().replace(tzinfo=None), self.tz)
        except LocalTimeError as exc:
            return str(exc)
        shift = timedelta(days=(day - start.date()).days)
        end = appt.end.astimezone(self.tz)
        try:
            new_end = localize(end.date() + shift, end.time().replace(tzinfo=None), self.tz)
        except LocalTimeError as exc:
            return str(exc)
        return new_start, new_end
