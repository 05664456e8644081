"""The year's setup in chat: the chuyên đề năm, the plan's title, its sections' names and order.

Opened from the secretary's work menu and from the committee's window. It shows the setup
that holds for the person's scope (their committee's, or the national default for a cell
without a committee); who may change it is decided in ``domain.years``/``permissions``,
and the window only hides the buttons of people who may not."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Button, Column, Row
from aiogram_dialog.widgets.text import Format

from dialogs.common import I18NFormat, menu_button, text_input
from dialogs.states import YearSetupSG as SG
from dialogs.widgets import ask, back_to, button, column, switch, window
from dialogs.year_setup import ids
from dialogs.year_setup.getters import overview_getter, section_getter
from dialogs.year_setup.handlers import (
    on_clear_theme,
    on_copy,
    on_down,
    on_next_year,
    on_prev_year,
    on_rename,
    on_section,
    on_start,
    on_theme,
    on_up,
    on_wording,
)


def _overview_window() -> Window:
    return window(
        I18NFormat("year-setup", when="ready"),
        I18NFormat("year-setup-theme", when="has_theme"),
        I18NFormat("year-setup-no-theme", when="no_theme"),
        I18NFormat("year-setup-sections", when="ready"),
        I18NFormat("year-setup-read-only", when="read_only"),
        column(ids.SECTION_LIST, "section_buttons", on_section, when="ready"),
        Column(
            switch("year-theme-button", ids.THEME, SG.theme),
            Button(Format("{wording_button}"), id=ids.WORDING, on_click=on_wording),
            switch("year-copy-button", ids.COPY, SG.confirm_copy),
            when="editable",
        ),
        Row(
            button("year-prev-year", ids.PREV_YEAR, on_prev_year),
            button("year-next-year", ids.NEXT_YEAR, on_next_year, when="has_next_year"),
        ),
        menu_button(),
        state=SG.overview,
        getter=overview_getter,
    )


def _theme_window() -> Window:
    return window(
        I18NFormat("year-ask-theme"),
        I18NFormat("year-theme-current", when="has_theme"),
        *text_input(ids.THEME_TEXT, on_theme),
        button("year-theme-clear-button", ids.CLEAR, on_clear_theme, when="has_theme"),
        back_to(SG.overview, ids.BACK),
        state=SG.theme,
        getter=overview_getter,
    )


def _section_window() -> Window:
    return window(
        I18NFormat("year-section", when="found"),
        I18NFormat("year-section-guidance", when="has_guidance"),
        Row(switch("year-rename-button", ids.RENAME_SECTION, SG.rename), when="editable"),
        Row(
            button("year-up-button", ids.SECTION_UP, on_up, when="can_up"),
            button("year-down-button", ids.SECTION_DOWN, on_down, when="can_down"),
        ),
        back_to(SG.overview, ids.BACK),
        state=SG.section,
        getter=section_getter,
    )


def _confirm_copy_window() -> Window:
    return window(
        I18NFormat("year-copy-confirm"),
        Row(
            button("year-copy-yes", ids.COPY_YES, on_copy),
            switch("year-copy-no", ids.COPY_NO, SG.overview),
        ),
        state=SG.confirm_copy,
        getter=overview_getter,
    )


def year_setup_dialog() -> Dialog:
    return Dialog(
        _overview_window(),
        _theme_window(),
        _section_window(),
        ask(
            "year-rename",
            ids.RENAME_TEXT,
            on_rename,
            state=SG.rename,
            back=SG.section,
            getter=section_getter,
            back_id=ids.BACK,
        ),
        _confirm_copy_window(),
        on_start=on_start,
    )
