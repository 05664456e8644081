"""The year's setup in chat: the chuyên đề năm, the plan's title, its sections' names and order.

Opened from the secretary's work menu and from the committee's window. It shows the setup
that holds for the person's scope (their committee's, or the national default for a cell
without a committee); who may change it is decided in ``domain.years``/``permissions``,
and the window only hides the buttons of people who may not."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Button, Column, Row, Select, SwitchTo
from aiogram_dialog.widgets.text import Format

from dialogs.common import (
    I18NFormat,
    I18NPlain,
    menu_button,
    message_lines,
    text_input,
)
from dialogs.states import YearSetupSG
from dialogs.year_setup import ids
from dialogs.year_setup.getters import overview_getter, section_getter
from dialogs.year_setup.handlers import (
    on_back,
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


def _to_overview() -> SwitchTo:
    return SwitchTo(
        I18NPlain("button-back"), id=ids.BACK, state=YearSetupSG.overview, on_click=on_back
    )


def _overview_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("year-setup", when="ready"),
        I18NFormat("year-setup-theme", when="has_theme"),
        I18NFormat("year-setup-no-theme", when="no_theme"),
        I18NFormat("year-setup-sections", when="ready"),
        I18NFormat("year-setup-read-only", when="read_only"),
        Column(
            Select(
                Format("{item[label]}"),
                id=ids.SECTION_LIST,
                item_id_getter=lambda s: s["id"],
                items="section_buttons",
                on_click=on_section,
            ),
            when="ready",
        ),
        Column(
            SwitchTo(
                I18NPlain("year-theme-button"),
                id=ids.THEME,
                state=YearSetupSG.theme,
                on_click=on_back,
            ),
            Button(Format("{wording_button}"), id=ids.WORDING, on_click=on_wording),
            SwitchTo(
                I18NPlain("year-copy-button"),
                id=ids.COPY,
                state=YearSetupSG.confirm_copy,
                on_click=on_back,
            ),
            when="editable",
        ),
        Row(
            Button(I18NPlain("year-prev-year"), id=ids.PREV_YEAR, on_click=on_prev_year),
            Button(
                I18NPlain("year-next-year"),
                id=ids.NEXT_YEAR,
                on_click=on_next_year,
                when="has_next_year",
            ),
        ),
        menu_button(),
        state=YearSetupSG.overview,
        getter=overview_getter,
    )


def _theme_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("year-ask-theme"),
        I18NFormat("year-theme-current", when="has_theme"),
        *text_input(ids.THEME_TEXT, on_theme),
        Button(
            I18NPlain("year-theme-clear-button"),
            id=ids.CLEAR,
            on_click=on_clear_theme,
            when="has_theme",
        ),
        _to_overview(),
        state=YearSetupSG.theme,
        getter=overview_getter,
    )


def _section_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("year-section", when="found"),
        I18NFormat("year-section-guidance", when="has_guidance"),
        Row(
            SwitchTo(
                I18NPlain("year-rename-button"),
                id=ids.RENAME_SECTION,
                state=YearSetupSG.rename,
                on_click=on_back,
            ),
            when="editable",
        ),
        Row(
            Button(I18NPlain("year-up-button"), id=ids.SECTION_UP, on_click=on_up, when="can_up"),
            Button(
                I18NPlain("year-down-button"),
                id=ids.SECTION_DOWN,
                on_click=on_down,
                when="can_down",
            ),
        ),
        _to_overview(),
        state=YearSetupSG.section,
        getter=section_getter,
    )


def _rename_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("year-rename"),
        *text_input(ids.RENAME_TEXT, on_rename),
        SwitchTo(
            I18NPlain("button-back"), id=ids.BACK, state=YearSetupSG.section, on_click=on_back
        ),
        state=YearSetupSG.rename,
        getter=section_getter,
    )


def _confirm_copy_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("year-copy-confirm"),
        Row(
            Button(I18NPlain("year-copy-yes"), id=ids.COPY_YES, on_click=on_copy),
            SwitchTo(
                I18NPlain("year-copy-no"),
                id=ids.COPY_NO,
                state=YearSetupSG.overview,
                on_click=on_back,
            ),
        ),
        state=YearSetupSG.confirm_copy,
        getter=overview_getter,
    )


def year_setup_dialog() -> Dialog:
    return Dialog(
        _overview_window(),
        _theme_window(),
        _section_window(),
        _rename_window(),
        _confirm_copy_window(),
        on_start=on_start,
    )
