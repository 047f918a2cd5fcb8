"""Appointment blocks of the grid, painted by one layer that draws only what is exposed.

A week of 50 professionals holds thousands of appointments; one graphics item
each made every date change cost ~10 us per block before anything was drawn.
Blocks are plain objects instead, kept per column in start order, and the layer
paints the ones in the exposed rectangle (and finds the one under the mouse).
"""

from __future__ import annotations

import enum
from bisect import bisect_right
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui.appointment_model import STATUS_COLORS

ALLOWED_PEN = QPen(QColor("#2e7d32"), 2.5)
REFUSED_PEN = QPen(QColor("#c62828"), 2.5, Qt.PenStyle.DashLine)
SELECTED_PEN = QPen(QColor("#1565c0"), 2)
PLAIN_PEN = QPen(QColor("#8a9bb0"), 1)
#: An appointment set aside by an open conflict (no professional can take it).
CONFLICT_PEN = QPen(QColor("#b71c1c"), 2.5, Qt.PenStyle.DashDotLine)
CONFLICT_MARK = QColor("#b71c1c")
TEXT_COLOR = QColor("#1a1a1a")
BRUSHES = {status: QBrush(QColor(color)) for status, color in STATUS_COLORS.items()}
NARROW = 110  # pixels: below this a block shows its start time only


class ColorBy(enum.Enum):
    STATUS = "status"
    PROFESSIONAL = "professional"
    SERVICE = "service"


class Palette:
    """The fill of each block: by status, or by the professional's or service's colour
    (lightened so the text stays readable; the status is still written in the block)."""

    def __init__(
        self,
        by: ColorBy = ColorBy.STATUS,
        professionals: dict[int, str] | None = None,
        services: dict[int, str] | None = None,
    ) -> None:
        self.by = by
        self._professionals = {k: _light(v) for k, v in (professionals or {}).items()}
        self._services = {k: _light(v) for k, v in (services or {}).items()}

    def brush(self, appt: AppointmentView) -> QBrush:
        if self.by is ColorBy.PROFESSIONAL and appt.professional_id in self._professionals:
            return self._professionals[appt.professional_id]
        if self.by is ColorBy.SERVICE and appt.appointment_type_id in self._services:
            return self._services[appt.appointment_type_id]
        return BRUSHES[appt.status]


def _light(color: str) -> QBrush:
    return QBrush(QColor(color).lighter(165))


class Block:
    """One appointment (or the part of it on one day) in one column."""

    __slots__ = (
        "_layer",
        "_rect",
        "_text",
        "appointment",
        "column",
        "home",
        "raised",
        "selected",
        "tz",
        "verdict",
    )

    def __init__(
        self,
        layer: BlockLayer,
        appointment: AppointmentView,
        rect: QRectF,
        tz: ZoneInfo,
        column: int,
    ) -> None:
        self._layer = layer
        self.appointment = appointment
        self.column = column  # of the grid it is drawn in
        self.home = rect  # never changed in place: `setRect` replaces it
        self._rect = rect
        self.tz = tz
        self.verdict: bool | None = None  # while dragged: allowed or refused
        self.selected = False
        self.raised = False  # drawn over the others (while dragged)
        self._text: tuple[int, list[str]] | None = None  # (width, lines), made when painted

    def rect(self) -> QRectF:
        return QRectF(self._rect)

    def setRect(self, rect: QRectF) -> None:
        self._layer.update(self._rect.adjusted(-3, -3, 3, 3))
        self._rect = QRectF(rect)
        self._layer.update(self._rect.adjusted(-3, -3, 3, 3))

    def set_verdict(self, allowed: bool | None) -> None:
        self.verdict = allowed
        self._repaint()

    def setSelected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            self._repaint()

    def isSelected(self) -> bool:
        return self.selected

    def raise_(self, raised: bool) -> None:
        self.raised = raised
        self._layer.raised_changed(self)

    def _repaint(self) -> None:
        self._layer.update(self._rect.adjusted(-3, -3, 3, 3))

    def lines(self, narrow: bool = False) -> list[str]:
        a = self.appointment
        start, end = a.start.astimezone(self.tz), a.end.astimezone(self.tz)
        when = f"{start:%H:%M}" if narrow else f"{start:%H:%M}-{end:%H:%M}"
        first = f"{when} {a.client_name or a.title or ''}".rstrip()
        status = a.status.label if a.conflict_id is None else f"{a.status.label}, conflict"
        return [first, a.appointment_type_name, status]

    def tooltip(self) -> str:
        a = self.appointment
        lines = self.lines()
        lines[-1] = f"Status: {a.status.label}"
        lines.append(f"Professional: {a.professional_name or 'Unassigned'}")
        if a.client_phone:
            lines.append(f"Phone: {a.client_phone}")
        if a.conflict_id is not None:
            lines.append(
                "Open conflict: no professional can take it since a manager's forced change. "
                "Give it a professional or another time."
            )
        return "\n".join(line for line in lines if line)

    def paint(self, painter: QPainter, line_height: int, palette: Palette) -> None:
        rect = self._rect.adjusted(1, 1, -1, -1)
        painter.setBrush(palette.brush(self.appointment))
        conflict = self.appointment.conflict_id is not None
        if self.verdict is not None:
            painter.setPen(ALLOWED_PEN if self.verdict else REFUSED_PEN)
        elif self.selected:
            painter.setPen(SELECTED_PEN)
        else:
            painter.setPen(CONFLICT_PEN if conflict else PLAIN_PEN)
        painter.drawRect(rect)
        if conflict:  # a red corner: seen even where the text does not fit
            size = min(10.0, rect.width() / 3, rect.height() / 2)
            corner = QPolygonF(
                [
                    rect.topRight(),
                    rect.topRight() - QPointF(size, 0),
                    rect.topRight() + QPointF(0, size),
                ]
            )
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(CONFLICT_MARK)
            painter.drawPolygon(corner)
            painter.restore()
        text_rect = rect.adjusted(4, 1, -3, -1)
        if text_rect.height() < line_height - 2:
            return
        painter.setPen(TEXT_COLOR)
        width = int(text_rect.width())
        metrics = painter.fontMetrics()
        if self._text is None or self._text[0] != width:  # elided once per width
            lines = self.lines(narrow=width < NARROW)
            elide = Qt.TextElideMode.ElideRight
            self._text = (width, [metrics.elidedText(t, elide, width) for t in lines if t])
        x, y = text_rect.left(), text_rect.top() + metrics.ascent()
        bottom = text_rect.bottom() + 2 - metrics.descent()
        for line in self._text[1]:
            if y > bottom:
                break
            painter.drawText(QPointF(x, y), line)
            y += line_height


class BlockLayer(QGraphicsItem):
    """Draws every block; knows which block is where."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self._bounds = QRectF(0, 0, width, height)
        self._columns: dict[int, list[Block]] = {}
        self._tops: dict[int, list[float]] = {}
        self._reach: dict[int, float] = {}  # the tallest block of a column (for lookups)
        self._raised: list[Block] = []
        self._column_width, self._gutter = 1.0, 0.0
        self.fills = Palette()
        self._font = QFont()
        self._font.setPointSizeF(8.5)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.setZValue(10)

    def set_blocks(
        self, columns: dict[int, list[Block]], column_width: float, gutter: float
    ) -> None:
        self._column_width, self._gutter = column_width, gutter
        self._columns = {c: sorted(b, key=lambda x: x.home.top()) for c, b in columns.items()}
        self._tops = {c: [b.home.top() for b in blocks] for c, blocks in self._columns.items()}
        self._reach = {
            c: max((b.home.height() for b in blocks), default=0.0)
            for c, blocks in self._columns.items()
        }
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def raised_changed(self, block: Block) -> None:
        if block.raised and block not in self._raised:
            self._raised.append(block)
        elif not block.raised and block in self._raised:
            self._raised.remove(block)
        block.setRect(block.rect())

    def blocks_in(self, area: QRectF) -> Iterator[Block]:
        """Blocks at rest (not raised) whose home overlaps ``area``."""
        first = max(0, int((area.left() - self._gutter) // self._column_width))
        last = int((area.right() - self._gutter) // self._column_width)
        for column in range(first, last + 1):
            blocks = self._columns.get(column)
            if not blocks:
                continue
            tops = self._tops[column]
            start = bisect_right(tops, area.top() - self._reach[column])
            end = bisect_right(tops, area.bottom())
            for block in blocks[start:end]:
                if block.home.intersects(area) and not block.raised:
                    yield block

    def block_at(self, x: float, y: float) -> Block | None:
        for block in reversed(self._raised):
            if block.rect().contains(x, y):
                return block
        area = QRectF(x, y, 0.01, 0.01)
        for block in self.blocks_in(area):
            if block.rect().contains(x, y):
                return block
        return None

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        exposed = option.exposedRect
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp and 2x faster
        painter.setFont(self._font)
        line_height = painter.fontMetrics().height()
        for block in self.blocks_in(exposed):
            block.paint(painter, line_height, self.fills)
        for block in self._raised:
            if block.rect().intersects(exposed):
                block.paint(painter, line_height, self.fills)
