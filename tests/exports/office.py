"""Word files laid out by LibreOffice headless, read back as PDF words with their positions.

What a secretary sees after opening the file in LibreOffice (or WPS, Google Docs,
which read the table grid the same way): how many pages, and whether any text
runs past a table's column lines or the page's right margin.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

SOFFICE = shutil.which("soffice") or "soffice"
TIMEOUT_S = 120
# PDF points per centimetre; half a point of slack for anti-aliased glyph boxes.
CM = 72 / 2.54
SLACK = 0.5


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Rule:
    """A vertical table line: at ``x``, from ``top`` to ``bottom``."""

    x: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Page:
    width: float
    words: tuple[Word, ...]
    rules: tuple[Rule, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def serif_has_vietnamese() -> bool:
    """Whether Liberation Serif, LibreOffice's stand-in for Times New Roman, has the Vietnamese
    letters (fonts-liberation2; the 1.07 fonts-liberation has not: each ả, ộ, ư would come from
    another font, and the PDF's words apart)."""
    found = subprocess.run(
        ["fc-list", "Liberation Serif:charset=1ea0-1ef9 1b0 1a1", "family"],
        check=True,
        capture_output=True,
        text=True,
    )
    return bool(found.stdout.strip())


def to_pdf(docx: bytes) -> bytes:
    """``docx`` converted by ``soffice``, with a profile of its own (parallel runs don't clash)."""
    with tempfile.TemporaryDirectory(prefix="chibo-office-") as tmp:
        folder = Path(tmp)
        (folder / "in.docx").write_bytes(docx)
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(folder / "in.docx"),
            ],
            check=True,
            capture_output=True,
            timeout=TIMEOUT_S,
        )
        return (folder / "in.pdf").read_bytes()


def pages(docx: bytes) -> list[Page]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(to_pdf(docx))
        pdf.flush()
        with pdfplumber.open(pdf.name) as document:
            return [_page(page) for page in document.pages]


def _page(page: pdfplumber.page.Page) -> Page:
    words = tuple(
        Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
        for w in page.extract_words(keep_blank_chars=False, use_text_flow=True)
    )
    rules = tuple(
        Rule(edge["x0"], edge["top"], edge["bottom"])
        for edge in page.edges
        if edge["orientation"] == "v"
    )
    return Page(width=float(page.width), words=words, rules=rules)


def overflows(page: Page, *, right_margin_cm: float, left_margin_cm: float) -> list[str]:
    """Words past the text area, or crossing a table's column line: empty when all fit."""
    left, right = left_margin_cm * CM - SLACK, page.width - right_margin_cm * CM + SLACK
    found = [f"{w.text!r} outside the text area" for w in page.words if w.x0 < left or w.x1 > right]
    for word in page.words:
        middle = (word.top + word.bottom) / 2
        for rule in page.rules:
            if rule.top <= middle <= rule.bottom and word.x0 + SLACK < rule.x < word.x1 - SLACK:
                found.append(f"{word.text!r} crosses the column line at x={rule.x:.1f}")
    return found


def lines_of(pages: list[Page], phrase: str) -> int:
    """On how many lines the words of ``phrase`` are laid out, where they first appear whole."""
    parts = phrase.split()
    for page in pages:
        texts = [w.text for w in page.words]
        for start in range(len(texts) - len(parts) + 1):
            if texts[start : start + len(parts)] == parts:
                found = page.words[start : start + len(parts)]
                return len({round(w.top) for w in found})
    raise LookupError(f"{phrase!r} is not in the document")
