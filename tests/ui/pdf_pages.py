"""Read a PDF the desk wrote as a person would: page by page, its text and its look."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtPdf import QPdfDocument

#: Where rendered pages are kept to be looked at (set SCHEDULER_PAGES_DIR).
PAGES_DIR = os.environ.get("SCHEDULER_PAGES_DIR", "")


def pdf_pages(path: Path, png_prefix: str = "") -> list[str]:
    """The text of each page of ``path``; each page is also rendered to a PNG (beside
    the PDF, and in $SCHEDULER_PAGES_DIR when set) to be looked at."""
    document = QPdfDocument(None)
    assert document.load(str(path)) == QPdfDocument.Error.None_, f"{path} is not a readable PDF"
    texts = []
    for page in range(document.pageCount()):
        texts.append(" ".join(document.getAllText(page).text().split()))
        size = document.pagePointSize(page)
        image = document.render(page, QSize(int(size.width() * 2), int(size.height() * 2)))
        assert not image.isNull()
        name = f"{png_prefix or path.stem}-page{page + 1}.png"
        image.save(str(path.with_name(name)))
        if PAGES_DIR:
            Path(PAGES_DIR).mkdir(parents=True, exist_ok=True)
            image.save(str(Path(PAGES_DIR) / name))
    document.close()
    return texts
