"""Appointment blocks of the grid, painted by one layer that draws only what is exposed.

A week of 50 professionals holds thousands of appointments; one graphics item
each made every date change cost ~10 us per block before anything was drawn.
Blocks are plain objects instead, kept per column in start order, and the layer
paints the ones in the exposed rectangle (and finds the one under the mouse).
"""

from __future__ import annotations

import enum
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from scheduler_app.services.dto import AppointmentView
from scheduler_app.ui.appointment_model import STATUS_COLORS
from scheduler_app.ui.calendar.names import fitted, shorter_forms
from scheduler_app.ui.i18n import span_text, status_label, time_text, translate, unassigned

ALLOWED_PEN = QPen(QColor("#2e7d32"), 2.5)
REFUSED_PEN = QPen(QColor("#c62828"), 2.5, Qt.PenStyle.DashLine)
SELECTED_PEN = QPen(QColor("#1565c0"), 2)
PLAIN_PEN = QPen(QColor("#8a9bb0"), 1)
#: Dashed while the change is being saved (the server has not answered yet).
SAVING_PEN = QPen(QColor("#1565c0"), 2, Qt.PenStyle.DashLine)
#: An appointment set aside by an open conflict (no professional can take it).
CONFLICT_PEN = QPen(QColor("#b71c1c"), 2.5, Qt.PenStyle.DashDotLine)
CONFLICT_MARK = QColor("#b71c1c")
TEXT_COLOR = QColor("#1a1a1a")
#: Before the time of an appointment that is one date of a series.
SERIES_MARK = "\u21bb"
NOTES_MARK = QColor("#5d4037")  # the folded corner of a block with notes
# An appointment a manager placed outside working time: a dashed purple outline and
# a purple corner at the bottom left.
OUTSIDE_HOURS_PEN = QPen(QColor("#6a1b9a"), 2, Qt.PenStyle.DashLine)
OUTSIDE_HOURS_MARK = QColor("#6a1b9a")
PRIORITY_MARKS = {"high": (QColor("#e65100"), "!"), "urgent": (QColor("#b71c1c"), "!!")}
BRUSHES = {status: QBrush(QColor(color)) for status, color in STATUS_COLORS.items()}
NARROW = 110  # pixels: below this a block shows its start time only
MIN_TEXT_WIDTH = 40  # pixels: narrower blocks show no text (a few cut letters help nobody)


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

    def professional_color(self, key: int) -> str:
        brush = self._professionals.get(key)
        return brush.color().name() if brush is not None else ""

    def service_color(self, key: int) -> str:
        brush = self._services.get(key)
        return brush.color().name() if brush is not None else ""

    def brush(self, appt: AppointmentView) -> QBrush:
        if self.by is ColorBy.PROFESSIONAL and appt.professional_id in self._professionals:
            return self._professionals[appt.professional_id]
        if self.by is ColorBy.SERVICE and appt.service_id in self._services:
            return self._services[appt.service_id]
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
        "preview",
        "raised",
        "saving",
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
        self.preview: tuple[datetime, datetime] | None = None  # where a drag would put it
        self.saving = False  # a change to it is on its way to the server
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

    def set_saving(self, saving: bool) -> None:
        """Mark it "saving..." (dashed) until the server answers."""
        if saving != self.saving:
            self.saving = saving
            self._text = None
            self._repaint()

    def set_preview(self, times: tuple[datetime, datetime] | None) -> None:
        """Show the times a drag would give it (None: its own again)."""
        if times != self.preview:
            self.preview = times
            self._text = None
            self._repaint()

    def times(self) -> tuple[datetime, datetime]:
        a = self.appointment
        start, end = self.preview or (a.start, a.end)
        return start.astimezone(self.tz), end.astimezone(self.tz)

    def who(self) -> str:
        a = self.appointment
        return a.client_name or a.title

    def lines(self, narrow: bool = False) -> list[str]:
        a = self.appointment
        start, end = self.times()
        when = time_text(start) if narrow else span_text(start, end)
        mark = PRIORITY_MARKS.get(a.priority)
        series = SERIES_MARK + " " if a.series_id is not None else ""
        first = f"{mark[1] + ' ' if mark else ''}{series}{when} {self.who()}".rstrip()
        status = status_label(a.status)
        if a.conflict_id is not None:
            status = translate("Calendar", "{status}, conflict").format(status=status)
        if a.outside_hours:
            status = translate("Calendar", "{status}, outside hours").format(status=status)
        beside = (a.professional_name or unassigned()) if self._layer.by_room else a.resources
        if beside:  # the room in a professional's column, the professional in a room's
            status = f"{status} · {beside}"
        others = self.with_whom()
        if others:  # one piece of an appointment with several professionals
            status = f"{status} · {others}"
        if self.saving:  # said second: a short block shows two lines
            return [first, translate("Calendar", "Saving…"), a.service_name]
        return [first, a.service_name, status]

    def with_whom(self) -> str:
        """ "with Dr X, Dr Y": the other professionals of the same appointment, when it
        has several (found among the rows loaded with it); "" otherwise."""
        a = self.appointment
        group = self._layer.joint.get(a.joint_of if a.joint_of is not None else a.id, {})
        names = [name for key, name in group.items() if key != a.id and name]
        if not names:
            return ""
        return translate("Calendar", "with {names}").format(names=", ".join(names))

    def tooltip(self) -> str:
        """Everything about it, names in full (the block may show them shortened)."""
        a = self.appointment
        start, end = self.times()
        lines = [f"{span_text(start, end)} {a.client_name}".rstrip()]
        if a.title:
            lines.append(translate("Calendar", "Title: {title}").format(title=a.title))
        if a.service_name:
            lines.append(a.service_name)
        if a.resources:
            lines.append(translate("Calendar", "Room: {names}").format(names=a.resources))
        lines.append(
            translate("Calendar", "Status: {status}").format(status=status_label(a.status))
        )
        lines.append(
            translate("Calendar", "Professional: {name}").format(
                name=a.professional_name or unassigned()
            )
        )
        if a.priority not in ("", "normal"):
            lines.append(
                translate("Calendar", "Priority: {priority}").format(
                    priority=priority_label(a.priority)
                )
            )
        if a.series_id is not None:
            lines.append(
                translate("Calendar", "{mark} One date of a series").format(mark=SERIES_MARK)
            )
        others = self.with_whom()
        if others:
            lines.append(others)
        if a.client_phone:
            lines.append(translate("Calendar", "Phone: {phone}").format(phone=a.client_phone))
        if a.description:
            lines.append(translate("Calendar", "Notes: {notes}").format(notes=a.description))
        if a.outside_hours:
            lines.append(
                translate("Calendar", "Booked outside working hours: {reason}").format(
                    reason=a.outside_hours_reason
                )
            )
        if a.conflict_id is not None:
            lines.append(
                translate(
                    "Calendar",
                    "Open conflict: no professional can take it since a manager's forced "
                    "change. Give it a professional or another time.",
                )
            )
        return "\n".join(lines)

    def describe(self) -> str:
        """One line for a screen reader: who, when, with whom, how it stands."""
        a = self.appointment
        start, end = self.times()
        parts = [
            a.client_name or a.title or translate("Calendar", "appointment"),
            span_text(start, end),
            a.professional_name or unassigned(),
            status_label(a.status),
            a.service_name,
            a.resources,
            self.with_whom(),
        ]
        if a.series_id is not None:
            parts.append(translate("Calendar", "one date of a series"))
        if a.description:
            parts.append(translate("Calendar", "has notes"))
        if a.conflict_id is not None:
            parts.append(translate("Calendar", "open conflict"))
        if a.outside_hours:
            parts.append(translate("Calendar", "outside working hours"))
        return ", ".join(p for p in parts if p)

    def _fit(self, metrics: QFontMetrics, width: int) -> list[str]:
        """The lines as they fit ``width``: the name shortened (initials and surname,
        then the start time alone, then cut in the middle), never just cut at its end."""
        lines = self.lines(narrow=width < NARROW)
        elide = Qt.TextElideMode.ElideRight
        rest = [metrics.elidedText(t, elide, width) for t in lines[1:] if t]
        who = self.who()
        if not who:
            return [metrics.elidedText(lines[0], elide, width), *rest]
        first = ""
        for narrow in (width < NARROW, True):
            line = self.lines(narrow=narrow)[0]
            when = line[: len(line) - len(who)].rstrip()
            room = width - metrics.horizontalAdvance(when + " ") - 2  # rounding
            shortest = shorter_forms(who)[-2] if len(shorter_forms(who)) > 2 else who
            name = fitted(who, room, metrics.horizontalAdvance, _middle(metrics, room))
            first = f"{when} {name}"
            if metrics.horizontalAdvance(shortest) <= room:
                break
        return [metrics.elidedText(first, elide, width), *rest]

    def paint(self, painter: QPainter, line_height: int, palette: Palette) -> None:
        rect = self._rect.adjusted(1, 1, -1, -1)
        painter.setBrush(palette.brush(self.appointment))
        conflict = self.appointment.conflict_id is not None
        outside = self.appointment.outside_hours
        if self.verdict is not None:
            painter.setPen(ALLOWED_PEN if self.verdict else REFUSED_PEN)
        elif self.saving:
            painter.setPen(SAVING_PEN)
        elif self.selected:
            painter.setPen(SELECTED_PEN)
        elif conflict:
            painter.setPen(CONFLICT_PEN)
        else:
            painter.setPen(OUTSIDE_HOURS_PEN if outside else PLAIN_PEN)
        painter.drawRect(rect)
        if outside and rect.width() > 12 and rect.height() > 8:
            size = min(10.0, rect.height() / 2)  # a purple corner: placed outside hours
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(OUTSIDE_HOURS_MARK)
            painter.drawPolygon(
                QPolygonF(
                    [
                        rect.bottomLeft() + QPointF(size, 0),
                        rect.bottomLeft(),
                        rect.bottomLeft() - QPointF(0, size),
                    ]
                )
            )
        if conflict and rect.width() > 12 and rect.height() > 8:
            size = min(10.0, rect.height() / 2)  # a red corner below: seen without text
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(CONFLICT_MARK)
            painter.drawPolygon(
                QPolygonF(
                    [
                        rect.bottomRight() - QPointF(size, 0),
                        rect.bottomRight(),
                        rect.bottomRight() - QPointF(0, size),
                    ]
                )
            )
        if self.appointment.description and rect.width() > 12 and rect.height() > 8:
            corner = min(8.0, rect.height() / 2)  # a folded corner: it has notes
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(NOTES_MARK)
            painter.drawPolygon(
                QPolygonF(
                    [
                        rect.topRight() - QPointF(corner, 0),
                        rect.topRight(),
                        rect.topRight() + QPointF(0, corner),
                    ]
                )
            )
        mark = PRIORITY_MARKS.get(self.appointment.priority)
        if mark is not None and rect.width() > 8:  # high or urgent: a stripe at the left
            painter.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), mark[0])
        text_rect = rect.adjusted(6 if mark else 4, 1, -3, -1)
        if text_rect.height() < line_height - 2 or text_rect.width() < MIN_TEXT_WIDTH:
            return  # a fitted week: the colour says the status, the tooltip the rest
        painter.setPen(TEXT_COLOR)
        width = int(text_rect.width())
        metrics = painter.fontMetrics()
        if self._text is None or self._text[0] != width:  # fitted once per width
            self._text = (width, self._fit(metrics, width))
        x, y = text_rect.left(), text_rect.top() + metrics.ascent()
        bottom = text_rect.bottom() + 2 - metrics.descent()
        for line in self._text[1]:
            if y > bottom:
                break
            painter.drawText(QPointF(x, y), line)
            y += line_height

    def shown_lines(self) -> list[str]:
        """What the block last painted (for tests and the accessibility text)."""
        return list(self._text[1]) if self._text else []


def _middle(metrics: QFontMetrics, room: int) -> Callable[[str], str]:
    def cut(text: str) -> str:
        return metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, max(0, room))

    return cut


def priority_label(priority: str) -> str:
    labels = {
        "low": translate("Calendar", "low"),
        "normal": translate("Calendar", "normal"),
        "high": translate("Calendar", "high"),
        "urgent": translate("Calendar", "urgent"),
    }
    return labels.get(priority, priority)


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
        #: The columns are rooms (a block names its professional rather than its room).
        self.by_room = False
        #: Appointments with several professionals: per lead, each piece's professional
        #: by the piece's id (the lead's own included), from the rows loaded.
        self.joint: dict[int, dict[int, str]] = {}
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


def joint_names(rows: Iterable[AppointmentView]) -> dict[int, dict[int, str]]:
    """`BlockLayer.joint` from the loaded ``rows``: only appointments with pieces."""
    groups: dict[int, dict[int, str]] = {}
    for a in rows:
        lead = a.joint_of if a.joint_of is not None else a.id
        groups.setdefault(lead, {})[a.id] = a.professional_name
    return {lead: names for lead, names in groups.items() if len(names) > 1}
