"""What lies under and over the appointment blocks: hours, columns, closed and past
time, the now-line and the time axis. Painted for the exposed rectangle only
(a week of 50 professionals is 350 columns wide; scene items for every line made
each frame walk them all)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen

from scheduler_app.ui.calendar import shading
from scheduler_app.ui.calendar.layout import Grid
from scheduler_app.ui.calendar.shading import Shade

DAY_MINUTES = 24 * 60
CLOSED = QColor("#eceff1")
PAST = QColor(0, 0, 0, 18)
HOUR_PEN = QPen(QColor("#cfd8dc"))
HALF_PEN = QPen(QColor("#eceff1"))
DAY_PEN = QPen(QColor("#78909c"), 2)
NOW_PEN = QPen(QColor("#e53935"), 2)
AXIS_BACK = QColor("#fafbfc")
AXIS_TEXT = QColor("#546e7a")  # 5:1 on the axis (at least 4.5:1 everywhere)
#: Fill, hatching and text of each kind of shaded time (text at least 4.5:1 on its fill).
SHADE_STYLE = {
    shading.CLOSED: (QColor("#e4e8eb"), None, QColor("#455a64")),
    shading.NOT_WORKING: (QColor("#eceff1"), QColor("#d5dbdf"), QColor("#4f5b62")),
    shading.BREAK: (QColor("#eceff1"), QColor("#d5dbdf"), QColor("#4f5b62")),
    shading.UNAVAILABLE: (QColor("#eceff1"), QColor("#d5dbdf"), QColor("#4f5b62")),
    shading.HOLIDAY: (QColor("#e8eaf6"), QColor("#c5cae9"), QColor("#283593")),
    shading.TIME_OFF: (QColor("#fff3e0"), QColor("#ffcc80"), QColor("#6d4c41")),
}
#: A shaded piece is named when it is at least this tall (pixels).
NAMED_HEIGHT = 16.0


@dataclass(frozen=True)
class Backdrop:
    grid: Grid
    columns: int
    opens_at: time
    closes_at: time
    day_groups: tuple[tuple[date, int, int], ...]  # (day, first column, columns)
    grouped: bool
    shades: tuple[Shade, ...] = ()

    def shade_rect(self, shade: Shade) -> QRectF:
        grid = self.grid
        top = grid.y(shade.start)
        return QRectF(grid.x(shade.column), top, grid.column_width, grid.y(shade.end) - top)

    def paint_under(self, painter: QPainter, rect: QRectF, now: datetime) -> None:
        grid = self.grid
        painter.fillRect(rect, Qt.GlobalColor.white)
        right = grid.x(self.columns)
        area = rect.intersected(QRectF(grid.gutter, 0, right - grid.gutter, grid.height))
        if area.isEmpty():
            return
        opens = grid.y(self.opens_at.hour * 60 + self.opens_at.minute)
        closes = grid.y(self.closes_at.hour * 60 + self.closes_at.minute)
        painter.fillRect(area.intersected(QRectF(area.left(), 0, area.width(), opens)), CLOSED)
        painter.fillRect(
            area.intersected(QRectF(area.left(), closes, area.width(), grid.height - closes)),
            CLOSED,
        )
        self._paint_shades(painter, area)
        today, minute_now = now.date(), now.hour * 60 + now.minute
        for day, first, count in self.day_groups:
            until = DAY_MINUTES if day < today else minute_now if day == today else 0
            if until:
                left = grid.x(first)
                past = QRectF(left, 0, grid.x(first + count) - left, grid.y(until))
                painter.fillRect(area.intersected(past), PAST)
        first_minute = max(0, int(grid.minutes(area.top()) // 30 * 30))
        last_minute = min(DAY_MINUTES, int(grid.minutes(area.bottom())) + 30)
        for minute in range(first_minute, last_minute + 1, 30):
            y = grid.y(minute)
            painter.setPen(HOUR_PEN if minute % 60 == 0 else HALF_PEN)
            painter.drawLine(QLineF(area.left(), y, area.right(), y))
        starts = {first for _day, first, _count in self.day_groups} if self.grouped else set()
        first_column = max(0, int((area.left() - grid.gutter) // grid.column_width))
        last_column = min(self.columns, int((area.right() - grid.gutter) // grid.column_width) + 1)
        for index in range(first_column, last_column + 1):
            x = grid.x(index)
            painter.setPen(DAY_PEN if index in starts else HOUR_PEN)
            painter.drawLine(QLineF(x, area.top(), x, area.bottom()))

    def text_rect(self, shade: Shade) -> QRectF:
        """Where a shaded piece's words go: from its start, or from opening time when
        it starts before (a whole day off says so where the day's work begins)."""
        rect = self.shade_rect(shade)
        opens = self.opens_at.hour * 60 + self.opens_at.minute
        if shade.start < opens < shade.end - 30:
            rect.setTop(self.grid.y(opens))
        return rect

    def _paint_shades(self, painter: QPainter, area: QRectF) -> None:
        """Fill the time nobody can book, hatched, with its reason written at the top
        of each piece tall enough (named ones drawn last, over the plain ones)."""
        font = QFont(painter.font())
        font.setPointSizeF(8)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        for shade in sorted(self.shades, key=lambda s: s.kind in shading.NAMED):
            rect = self.shade_rect(shade)
            if not rect.intersects(area):
                continue
            fill, hatch, ink = SHADE_STYLE[shade.kind]
            painter.fillRect(rect.intersected(area), fill)
            if hatch is not None:
                painter.fillRect(rect.intersected(area), QBrush(hatch, Qt.BrushStyle.BDiagPattern))
            room = self.text_rect(shade)
            if shade.text and room.height() >= NAMED_HEIGHT and rect.width() > 24:
                painter.setPen(ink)
                room = room.adjusted(4, 2, -4, -2)
                lines = max(1, int(room.height() // metrics.lineSpacing()))
                text = shade.text
                widest = max(metrics.horizontalAdvance(w) for w in text.split())
                if lines == 1 or widest > room.width():  # a word cut in two says less
                    text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(room.width()))
                painter.drawText(
                    room,
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                    | int(Qt.TextFlag.TextWordWrap),
                    text,
                )

    def paint_over(self, painter: QPainter, rect: QRectF, now: datetime, axis_x: float) -> None:
        """The now-line across today's columns, and the time axis at ``axis_x`` (the
        left edge of what is visible: it stays put when scrolling sideways)."""
        grid = self.grid
        for day, first, count in self.day_groups:
            if day == now.date():
                y = grid.y(now.hour * 60 + now.minute)
                painter.setPen(NOW_PEN)
                painter.drawLine(QLineF(grid.x(first), y, grid.x(first + count), y))
        axis = QRectF(axis_x, rect.top(), grid.gutter, rect.height())
        painter.fillRect(axis, AXIS_BACK)
        font = QFont(painter.font())
        font.setPointSizeF(8)
        painter.setFont(font)
        painter.setPen(AXIS_TEXT)
        first_hour = max(0, int(grid.minutes(rect.top()) // 60) - 1)
        last_hour = min(23, int(grid.minutes(rect.bottom()) // 60) + 1)
        for hour in range(first_hour, last_hour + 1):
            y = grid.y(hour * 60)
            painter.drawText(
                QRectF(axis_x + 6, y + 1, grid.gutter - 8, 16),
                Qt.AlignmentFlag.AlignLeft,
                f"{hour:02d}:00",
            )
