"""People's names: the Vietnamese order from a messenger profile, and checking a typed name.

Telegram asks for a "first name" and a "last name" and shows them in that order. Most
Vietnamese users type their given name as the first name and the family and middle names
as the last name (first "Đức", last "Phùng Anh"), which Telegram shows as "Đức Phùng
Anh"; the name a party cell writes is "Phùng Anh Đức", family name first.

The rule, for a profile with both names:

1. The profile *looks Vietnamese* when its language is Vietnamese (``language_code``
   "vi"), or a name holds a letter only Vietnamese uses (ă, đ, ơ, ư, a vowel with a hook
   or a dot below such as ả, ạ, or â, ê, ô with a tone mark such as ế), or either name
   starts with a common Vietnamese family name (``FAMILY_NAMES``, compared without
   diacritics, so "Nguyen" counts).
2. A profile that does not look Vietnamese keeps Telegram's order: first, then last.
3. One that does is written last name first, then first name, unless the *first* name
   starts with a family name and the last name does not: that person already typed
   "Phùng Anh" / "Đức" in the written order, which is kept.

The result is only a proposal: the member confirms it or corrects it when joining, and
the cell's secretary can correct it later.
"""

from __future__ import annotations

import unicodedata

from domain.errors import DomainError
from domain.text import FULL_NAME, normalize

# Letters of Vietnamese that French, Spanish or Portuguese names do not use (â, ê and ô
# alone are French too; with a tone mark they are Vietnamese only).
_ONLY_VIETNAMESE = frozenset("ăằắẳẵặầấẩẫậđềếểễệồốổỗộơờớởỡợưừứửữựảạẻẽẹỉĩịỏọủũụỳỷỹỵ")
# Family names of most Vietnamese people (the commonest dozen cover about nine in ten),
# written without diacritics and in lower case: compared with a name's first word the same way.
FAMILY_NAMES = frozenset(
    [
        "nguyen",
        "tran",
        "le",
        "pham",
        "hoang",
        "huynh",
        "phan",
        "vu",
        "vo",
        "dang",
        "bui",
        "do",
        "ho",
        "ngo",
        "duong",
        "ly",
        "phung",
        "dinh",
        "truong",
        "lam",
        "doan",
        "mai",
        "trinh",
        "cao",
        "luong",
        "ha",
        "ta",
        "to",
        "dao",
        "chu",
        "luu",
        "vuong",
        "thai",
        "kieu",
        "quach",
        "trieu",
        "ton",
        "than",
        "nong",
        "lo",
        "hua",
        "khuc",
        "giap",
        "dam",
        "luc",
        "au",
        "diep",
        "mac",
        "phi",
        "doan",
        "lai",
        "ong",
        "tang",
        "khong",
        "nghiem",
        "quan",
        "hau",
    ]
)


def _bare(word: str) -> str:
    """A word in lower case without diacritics: "Nguyễn" -> "nguyen", "Đỗ" -> "do"."""
    text = unicodedata.normalize("NFD", word.casefold().replace("đ", "d"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def starts_with_family_name(name: str) -> bool:
    words = name.split()
    return bool(words) and _bare(words[0]) in FAMILY_NAMES


def looks_vietnamese(first: str, last: str, language_code: str | None) -> bool:
    if (language_code or "").casefold().startswith("vi"):
        return True
    if any(ch in _ONLY_VIETNAMESE for ch in f"{first}{last}".casefold()):
        return True
    return starts_with_family_name(first) or starts_with_family_name(last)


def profile_full_name(
    first_name: str | None, last_name: str | None, language_code: str | None = None
) -> str:
    """The full name to propose for a messenger profile, in the order the rule above gives."""
    first = " ".join(normalize(first_name or "").split())
    last = " ".join(normalize(last_name or "").split())
    if not first or not last:
        return first or last
    if not looks_vietnamese(first, last, language_code):
        return f"{first} {last}"
    if starts_with_family_name(first) and not starts_with_family_name(last):
        return f"{first} {last}"
    return f"{last} {first}"


def check_full_name(text: str | None) -> str:
    """A typed full name: NFC, one space between words, 2 to 120 characters, with letters;
    otherwise a ``DomainError`` that says what is wrong with the name."""
    value = " ".join(normalize(text or "").split())
    if not value:
        raise DomainError("error-name-empty")
    if not any(ch.isalpha() for ch in value):
        raise DomainError("error-name-no-letters")
    length = len(value)
    if length < FULL_NAME.min_length:
        raise DomainError("error-name-too-short", min=FULL_NAME.min_length, length=length)
    if length > FULL_NAME.max_length:
        raise DomainError("error-name-too-long", max=FULL_NAME.max_length, length=length)
    return value
