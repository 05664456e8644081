"""Names in Vietnamese order from a Telegram profile, and checking a typed full name."""

from __future__ import annotations

import unicodedata

import pytest

from domain.errors import DomainError
from domain.names import check_full_name, profile_full_name


@pytest.mark.parametrize(
    ("first", "last", "language", "expected"),
    [
        # Given name as Telegram's "first name", family and middle names as its "last name".
        ("Đức", "Phùng Anh", "vi", "Phùng Anh Đức"),
        ("Đức", "Phùng Anh", None, "Phùng Anh Đức"),  # Vietnamese letters say so
        ("An", "Nguyen Van", "en", "Nguyen Van An"),  # a common family name, no diacritics
        ("Hà", "Nguyễn Thu", "vi", "Nguyễn Thu Hà"),  # "Hà" is a family name too: last first
        # Already written family name first, split over the two fields: kept.
        ("Phùng Anh", "Đức", "vi", "Phùng Anh Đức"),
        ("Lê Văn", "Tám", None, "Lê Văn Tám"),
        # Not Vietnamese-looking: Telegram's order stays.
        ("Hélène", "Dubois", "fr", "Hélène Dubois"),
        ("John", "Smith", "en", "John Smith"),
        # One name only, or blanks.
        ("Nguyễn Văn An", None, "vi", "Nguyễn Văn An"),
        ("", "Trần Thị Bình", "vi", "Trần Thị Bình"),
        ("  Đức ", "  Phùng   Anh ", "vi-VN", "Phùng Anh Đức"),
        (None, None, None, ""),
    ],
)
def test_profile_name_in_vietnamese_order(
    first: str | None, last: str | None, language: str | None, expected: str
) -> None:
    assert profile_full_name(first, last, language) == expected


def test_profile_name_is_nfc() -> None:
    name = profile_full_name(
        unicodedata.normalize("NFD", "Đức"), unicodedata.normalize("NFD", "Phùng Anh"), None
    )
    assert name == unicodedata.normalize("NFC", "Phùng Anh Đức")


@pytest.mark.parametrize(
    ("typed", "msg_id"),
    [
        ("", "error-name-empty"),
        (" \t\n ", "error-name-empty"),
        ("12345", "error-name-no-letters"),
        ("🙂🙂", "error-name-no-letters"),
        ("A", "error-name-too-short"),
        ("Nguyễn " * 20, "error-name-too-long"),
    ],
)
def test_a_bad_name_says_what_is_wrong(typed: str, msg_id: str) -> None:
    with pytest.raises(DomainError) as caught:
        check_full_name(typed)
    assert caught.value.msg_id == msg_id


def test_a_typed_name_is_kept_on_one_line_in_nfc() -> None:
    typed = unicodedata.normalize("NFD", "  Phùng\u00a0 Anh\n Đức ")
    assert check_full_name(typed) == unicodedata.normalize("NFC", "Phùng Anh Đức")
