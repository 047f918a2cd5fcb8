"""Graphics items of the calendar: appointment blocks."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui.appointment_model import STATUS_COLORS

ALLOWED_PEN = QPen(QColor("#2e7d32"), 2.5)
NARROW = 110  # pixels: below this a block shows its start time only
REFUSED_PEN = QPen(QColor("#c62828"), 2.5, Qt.PenStyle.DashLine)


class AppointmentItem(QGraphicsRectItem):
    """One appointment in the grid; the text shrinks to what fits."""

    def __init__(
        self, appointment: AppointmentView, rect: QRectF, tz: ZoneInfo, column: int = 0
    ) -> None:
        super().__init__(rect)
        self.appointment = appointment
        self.column = column  # of the grid it is drawn in
        self.home = QRectF(rect)
        self._tz = tz
        self.verdict: bool | None = None  # while dragged: allowed or refused
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setZValue(10)
        self.setAcceptHoverEvents(True)
        self.setToolTip(self._tooltip())

    def _lines(self, narrow: bool = False) -> list[str]:
        a = self.appointment
        start, end = a.start.astimezone(self._tz), a.end.astimezone(self._tz)
        when = f"{start:%H:%M}" if narrow else f"{start:%H:%M}-{end:%H:%M}"
        first = f"{when} {a.client_name or a.title or ''}".rstrip()
        return [first, a.appointment_type_name, a.status.label]

    def _tooltip(self) -> str:
        a = self.appointment
        lines = self._lines()
        lines[-1] = f"Status: {a.status.label}"
        lines.append(f"Professional: {a.professional_name or 'Unassigned'}")
        if a.client_phone:
            lines.append(f"Phone: {a.client_phone}")
        return "\n".join(line for line in lines if line)

    def set_verdict(self, allowed: bool | None) -> None:
        self.verdict = allowed
        self.update()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        rect = self.rect().adjusted(1, 1, -1, -1)
        a = self.appointment
        painter.setBrush(QBrush(QColor(STATUS_COLORS[a.status])))
        border = QColor("#1565c0") if self.isSelected() else QColor("#8a9bb0")
        painter.setPen(QPen(border, 2 if self.isSelected() else 1))
        if self.verdict is not None:
            painter.setPen(ALLOWED_PEN if self.verdict else REFUSED_PEN)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(QColor("#1a1a1a"))
        font = QFont(painter.font())
        font.setPointSizeF(8.5)
        painter.setFont(font)
        line_height = painter.fontMetrics().height()
        text_rect = rect.adjusted(4, 1, -3, -1)
        y = text_rect.top()
        for line in self._lines(narrow=text_rect.width() < NARROW):
            if not line:
                continue
            if y + line_height > text_rect.bottom() + 2:
                break
            elided = painter.fontMetrics().elidedText(
                line, Qt.TextElideMode.ElideRight, int(text_rect.width())
            )
            painter.drawText(QRectF(text_rect.left(), y, text_rect.width(), line_height), elided)
            y += line_height
