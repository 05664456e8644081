"""Text typed on Zalo: commands read without accents, case or spaces."""

from __future__ import annotations

import unicodedata


def command_key(text: str) -> str:
    """A typed command without accents, case or spaces: "Hủy" and "huy" are the same."""
    folded = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", folded)
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(letters.lower().split()).lstrip("/")
