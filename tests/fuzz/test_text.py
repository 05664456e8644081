"""Every kind of typed text through the one gate all of it passes: ``domain.text.clean``."""

from __future__ import annotations

from hypothesis import event, given, settings
from hypothesis import strategies as st

from domain import calendar, cells, text
from domain.errors import DomainError
from locales import html, translator
from tests.fuzz.nasty import is_nfc, telegram_text, typed

LIMITS = {
    "full name": text.FULL_NAME,
    "plan item": text.PLAN_ITEM,
    "note": text.NOTE,
    "difficulties": text.LONG_TEXT,
    "absence reason": text.REASON,
    "review comment": text.COMMENT,
    "meeting place": calendar.PLACE,
    "meeting topic": calendar.TOPIC,
    "cell name": cells.UNIT_NAME,
}


def assert_kept_or_refused(typed_text: str, limit: text.TextLimit) -> str | None:
    """The cleaned text, or None after checking the refusal reads as a Vietnamese message."""
    try:
        value = text.clean(typed_text, limit)
    except DomainError as error:
        event(f"refused: {error.msg_id}")
        assert translator().has(error.msg_id), error.msg_id
        telegram_text(html(error.msg_id, **error.args_))
        return None
    event("kept")
    assert is_nfc(value)
    assert limit.min_length <= len(value) <= limit.max_length
    assert value == value.strip() and any(ch.isalnum() for ch in value)
    assert not any(text.is_control(ch) for ch in value), ascii(value)
    assert text.clean(value, limit) == value  # what is kept passes again unchanged
    return value


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(sorted(LIMITS)).flatmap(lambda f: st.tuples(st.just(f), typed(LIMITS[f]))))
def test_typed_text_is_kept_clean_or_refused_clearly(field_and_text: tuple[str, str]) -> None:
    field, typed_text = field_and_text
    value = assert_kept_or_refused(typed_text, LIMITS[field])
    if value is not None:
        shown = telegram_text(html("member-notice", notice=value))
        assert value in shown


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.sampled_from(sorted(LIMITS)))
def test_any_unicode_is_kept_clean_or_refused_clearly(typed_text: str, field: str) -> None:
    assert_kept_or_refused(typed_text, LIMITS[field])
