from scheduler_app.ui.calendar.names import fitted, shorter_forms


def test_given_names_shrink_to_initials_before_the_surname() -> None:
    assert shorter_forms("Lea Santos") == ["Lea Santos", "L. Santos", "Santos"]
    assert shorter_forms("Dr Ana Maria Silva") == [
        "Dr Ana Maria Silva",
        "Dr A. M. Silva",
        "A. M. Silva",
        "Silva",
    ]
    assert shorter_forms("Madonna") == ["Madonna"]


def test_the_longest_form_that_fits_else_cut_in_the_middle() -> None:
    def width(text: str) -> float:
        return float(len(text))

    def middle(text: str) -> str:
        return text[:2] + "…" + text[-2:]

    assert fitted("Lea Santos", 10, width, middle) == "Lea Santos"
    assert fitted("Lea Santos", 9, width, middle) == "L. Santos"
    assert fitted("Lea Santos", 7, width, middle) == "Santos"
    assert fitted("Lea Santos", 5, width, middle) == "L.…os"  # two Leas stay apart
