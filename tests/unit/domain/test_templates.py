from __future__ import annotations

import pytest

from scheduler_app.domain.templates import TemplateError, check_template, render


def test_placeholders_are_filled() -> None:
    text = "Hello {client}, see you on {date} at {time} with {professional}."
    values = {
        "client": "Joana",
        "date": "Tue 03 Mar 2026",
        "time": "10:30",
        "professional": "Dr Silva",
    }
    assert render(text, values) == "Hello Joana, see you on Tue 03 Mar 2026 at 10:30 with Dr Silva."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Hello {patient}", "Unknown placeholder {patient}"),
        ("At {time:>10}", "without formatting options"),
        ("Hello {client", "unmatched brace"),
        ("{client!r}", "without formatting options"),
    ],
)
def test_broken_templates_are_refused_when_saved(text: str, message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        check_template(text)


def test_literal_braces_are_allowed() -> None:
    assert render("{{not a field}} {client}", {"client": "Rui"}) == "{not a field} Rui"
