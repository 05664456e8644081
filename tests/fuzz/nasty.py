"""Text a person might type, on purpose or not, and the check every bot message must pass."""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

from domain.text import TextLimit
from emulator.content import TEXT_LIMIT
from emulator.formatting import ParseError, parse_html, trim, utf16_len

VIETNAMESE = "Nguyễn Thị Hoa đọc sách Hồ Chí Minh, tu dưỡng rèn luyện đạo đức"
MARKUP = ("<b>", "</b>", "</i>", "<", ">", "&", "&amp;", "&lt;", "<a href='x'>", "&#0;", "&#x;")
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u00ad")
BIDI = ("\u200e", "\u200f", "\u202a", "\u202b", "\u202e", "\u2066", "\u2069")
CONTROL = ("\x00", "\x01", "\x07", "\x08", "\x1b", "\x7f", "\x85", "\x9f", "\r", "\r\n", "\x0b")
BLANK = (" ", "\t", "\n", "\u00a0", "\u3000", "\u2028", "\u2029")
EMOJI = ("🎉", "🇻🇳", "👨‍👩‍👧", "🙏🏽", "❤️", "\U0001f9d1\u200d\U0001f4bb")
MIXED = ("Привет", "你好", "مرحبا", "שלום", "नमस्ते", "ǅ", "ﬁ", "Ⅻ", "𝐀", "ß")

# A fixed list for end-to-end runs, where every string costs a round trip.
NASTY_FIXED = (
    "Đọc <sách> & làm theo Bác",
    "<b>Tu dưỡng</b> đạo đức </i> mỗi ngày",
    "Tham gia 'Tuyến phố không rác' &amp; &lt;b&gt; <i>",
    unicodedata.normalize("NFD", "Vận động hội viên góp quỹ 'nuôi lợn nhựa tiết kiệm' 🐷"),
    "🎉 Số hóa hồ sơ lưu trữ > 100 trang < 200 trang 🎉",
    "a < b && c > d; x &lt y",
)
NASTY_NAME = unicodedata.normalize("NFD", "Phạm <b>Thị</b> & Hoa </i>")

pieces = st.one_of(
    st.sampled_from(MARKUP + INVISIBLE + BIDI + CONTROL + BLANK + EMOJI + MIXED),
    st.just(VIETNAMESE),
    st.just(unicodedata.normalize("NFD", VIETNAMESE)),
    st.text(st.characters(codec="utf-8"), max_size=8),
)
joined = st.lists(pieces, max_size=12).map("".join)


def around(limit: TextLimit) -> st.SearchStrategy[str]:
    """Text at the limits: min/max ± 1, made of letters, of NFD letters, of markup."""
    lengths = st.sampled_from(
        sorted(
            {max(0, limit.min_length - 1), limit.min_length, limit.max_length, limit.max_length + 1}
        )
    )

    def build(length: int, fill: str) -> str:
        return (fill * (length // len(fill) + 1))[:length]

    fills = st.sampled_from(("a", "ệ", "<", "&", "Đ<b>", "x🎉"))
    padded = st.tuples(lengths, fills).map(lambda pair: build(*pair))
    decomposed = lengths.map(lambda n: unicodedata.normalize("NFD", "ệ") * n)
    return st.one_of(padded, decomposed, padded.map(lambda s: f"  {s}\n"))


def typed(limit: TextLimit) -> st.SearchStrategy[str]:
    """Everything a person can send as text for a field with ``limit``."""
    return st.one_of(
        st.sampled_from(("", " ", "\t\n ", "\u200b", "🎉🎉", "<b>", "&", "<", ">", "\x00")),
        st.sampled_from(NASTY_FIXED),
        around(limit),
        joined,
        st.text(max_size=60),
    )


def telegram_text(source: str) -> str:
    """``source`` as Telegram shows it with ``parse_mode=HTML``; raises on what it refuses.

    The stand-in's own parser (a port of tdlib's), with a bare ``&`` refused too."""
    text, _entities = trim(*parse_html(source, strict_ampersand=True))
    if not text:
        raise ParseError("message text is empty")
    if utf16_len(text) > TEXT_LIMIT:
        raise ParseError(f"message is too long: {utf16_len(text)} > {TEXT_LIMIT}")
    return text


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)
