"""The year's setup in chat: the chuyên đề năm, the plan's title, its sections' names and order.

Opened from the secretary's work menu and from the committee's window. It shows the setup
that holds for the person's scope (their committee's, or the national default for a cell
without a committee); who may change it is decided in ``domain.years``/``permissions``,
and the window only hides the buttons of people who may not.
"""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery, Message
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.input import ManagedTextInput
from aiogram_dialog.widgets.kbd import Button, Column, Row, Select, SwitchTo
from aiogram_dialog.widgets.text import Format

from dialogs.member.common import (
    actor_of,
    clear_messages,
    menu_button,
    message_lines,
    messages_data,
    now_of,
    short,
    show_error,
    show_notice,
    text_input,
    transaction,
)
from dialogs.states import YearSetupSG
from dialogs.widgets import I18NFormat, I18NPlain, button_id
from domain import years
from domain.errors import DomainError
from domain.plans import plan_year
from locales import SafeHTML, html, t
from storage.models import Committee, PlanWording

YEAR = "year"
POSITION = "position"
SOURCE_TEXT = {
    (years.Source.OWN, True): "year-source-own-committee",
    (years.Source.OWN, False): "year-source-own-national",
    (years.Source.NATIONAL, True): "year-source-national",
    (years.Source.TEMPLATE, True): "year-source-template",
    (years.Source.TEMPLATE, False): "year-source-template",
}
OTHER_WORDING = {PlanWording.FOLLOW: PlanWording.PRACTISE, PlanWording.PRACTISE: PlanWording.FOLLOW}
WORDING_BUTTON = {
    PlanWording.FOLLOW: "year-wording-to-follow",
    PlanWording.PRACTISE: "year-wording-to-practise",
}


def _year(manager: DialogManager) -> int:
    if YEAR not in manager.dialog_data:
        manager.dialog_data[YEAR] = plan_year(now_of(manager))
    return int(manager.dialog_data[YEAR])


async def _load(manager: DialogManager) -> tuple[years.YearSetup, str, bool]:
    """The setup of the person's scope, the scope's name, and whether they may change it."""
    actor = actor_of(manager)
    async with transaction(manager) as session:
        scope = await years.setup_scope(session, actor)
        setup = await years.view_setup(session, actor, _year(manager), scope)
        committee = await session.get(Committee, scope) if scope is not None else None
        editable = await years.may_edit(session, actor, scope)
    name = committee.name if committee is not None else t("year-scope-national")
    return setup, name, editable


def _section_lines(setup: years.YearSetup) -> SafeHTML:
    return SafeHTML(
        "\n".join(
            html("year-section-line", position=s.position, title=s.title, plans=s.plans)
            for s in setup.sections
        )
    )


async def overview_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data, _setup = await _overview(dialog_manager)
    return data


async def _overview(
    dialog_manager: DialogManager,
) -> tuple[dict[str, Any], years.YearSetup | None]:
    year = _year(dialog_manager)
    data: dict[str, Any] = {
        "year": str(year),
        "prev_year": str(year - 1),
        "next_year": str(year + 1),
        "has_next_year": year <= plan_year(now_of(dialog_manager)),
        "ready": False,
    }
    try:
        setup, scope, editable = await _load(dialog_manager)
    except DomainError as error:
        show_error(dialog_manager, error)
        return {**data, **messages_data(dialog_manager)}, None
    committee_scope = setup.committee_id is not None
    data.update(
        ready=True,
        scope=scope,
        source=t(SOURCE_TEXT[(setup.source, committee_scope)]),
        plan_title=setup.plan_title,
        theme=setup.theme,
        has_theme=bool(setup.theme),
        no_theme=not setup.theme,
        sections=_section_lines(setup),
        editable=editable,
        read_only=not editable,
        read_only_text=t(
            "year-read-only-committee" if committee_scope else "year-read-only-national"
        ),
        wording_button=t(WORDING_BUTTON[OTHER_WORDING[setup.wording]]),
        section_buttons=[
            {
                "id": s.position,
                "label": t("year-section-button", position=s.position, title=short(s.title, 40)),
            }
            for s in setup.sections
        ],
    )
    return {**data, **messages_data(dialog_manager)}, setup


async def section_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    data, setup = await _overview(dialog_manager)
    if setup is None:
        return data
    position = int(dialog_manager.dialog_data.get(POSITION, 0))
    found = next((s for s in setup.sections if s.position == position), None)
    if found is None:
        data.update(found=False, title="", guidance="", has_guidance=False)
        return data
    index = setup.sections.index(found)
    data.update(
        found=True,
        position=found.position,
        title=found.title,
        guidance=found.guidance,
        has_guidance=bool(found.guidance),
        usage=t("year-section-used", plans=found.plans)
        if found.plans
        else t("year-section-unused"),
        can_up=data["editable"] and index > 0,
        can_down=data["editable"] and index + 1 < len(setup.sections),
    )
    return data


# Handlers ---------------------------------------------------------------------------


async def on_start(start_data: Any, manager: DialogManager) -> None:
    if isinstance(start_data, dict) and start_data.get(YEAR):
        manager.dialog_data[YEAR] = int(start_data[YEAR])


async def _change(manager: DialogManager, change: Any, notice: SafeHTML) -> bool:
    """Run one change of the setup in its own transaction; a refusal is shown in place."""
    actor = actor_of(manager)
    year, now = _year(manager), now_of(manager)
    try:
        async with transaction(manager) as session:
            scope = await years.setup_scope(session, actor)
            await change(session, actor, year, scope, now)
    except DomainError as error:
        show_error(manager, error)
        return False
    show_notice(manager, notice)
    return True


async def _shift_year(manager: DialogManager, step: int) -> None:
    clear_messages(manager)
    manager.dialog_data[YEAR] = _year(manager) + step


async def on_prev_year(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _shift_year(manager, -1)


async def on_next_year(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _shift_year(manager, 1)


async def on_theme(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    async def change(session: Any, actor: Any, year: int, scope: int | None, now: Any) -> None:
        await years.set_theme(session, actor, year, scope, text, now)

    if await _change(manager, change, html("year-theme-saved", year=str(_year(manager)))):
        await manager.switch_to(YearSetupSG.overview)


async def on_clear_theme(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    async def change(session: Any, actor: Any, year: int, scope: int | None, now: Any) -> None:
        await years.set_theme(session, actor, year, scope, None, now)

    if await _change(manager, change, html("year-theme-cleared", year=str(_year(manager)))):
        await manager.switch_to(YearSetupSG.overview)


async def on_wording(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    async def change(session: Any, actor: Any, year: int, scope: int | None, now: Any) -> None:
        current = await years.resolve(session, year, scope)
        await years.set_wording(session, actor, year, scope, OTHER_WORDING[current.wording], now)

    await _change(manager, change, html("year-saved", year=str(_year(manager))))


async def on_copy(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    year = _year(manager)

    async def change(session: Any, actor: Any, year: int, scope: int | None, now: Any) -> None:
        await years.copy_previous_year(session, actor, year, scope, now)

    notice = html("year-copied", year=str(year), prev_year=str(year - 1))
    await _change(manager, change, notice)
    await manager.switch_to(YearSetupSG.overview)


async def on_section(
    callback: CallbackQuery, _: Any, manager: DialogManager, position: str
) -> None:
    clear_messages(manager)
    chosen = button_id(position)
    if chosen is None:
        return
    manager.dialog_data[POSITION] = chosen
    await manager.switch_to(YearSetupSG.section)


async def on_rename(
    message: Message, _: ManagedTextInput[str], manager: DialogManager, text: str
) -> None:
    position = int(manager.dialog_data.get(POSITION, 0))

    async def change(session: Any, actor: Any, year: int, scope: int | None, now: Any) -> None:
        await years.rename_section(session, actor, year, scope, position, text, now)

    if await _change(manager, change, html("year-saved", year=str(_year(manager)))):
        await manager.switch_to(YearSetupSG.section)


async def _move(manager: DialogManager, offset: int) -> None:
    position = int(manager.dialog_data.get(POSITION, 0))

    async def change(session: Any, actor: Any, year: int, scope: int | None, now: Any) -> None:
        await years.move_section(session, actor, year, scope, position, offset, now)

    if await _change(manager, change, html("year-saved", year=str(_year(manager)))):
        manager.dialog_data[POSITION] = position + (1 if offset > 0 else -1)


async def on_up(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _move(manager, -1)


async def on_down(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    await _move(manager, 1)


async def on_back(_: CallbackQuery, __: Button, manager: DialogManager) -> None:
    clear_messages(manager)


# Windows ----------------------------------------------------------------------------


def _to_overview() -> SwitchTo:
    return SwitchTo(
        I18NPlain("button-back"), id="back", state=YearSetupSG.overview, on_click=on_back
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
                id="ysec",
                item_id_getter=lambda s: s["id"],
                items="section_buttons",
                on_click=on_section,
            ),
            when="ready",
        ),
        Column(
            SwitchTo(
                I18NPlain("year-theme-button"),
                id="ytheme",
                state=YearSetupSG.theme,
                on_click=on_back,
            ),
            Button(Format("{wording_button}"), id="ywording", on_click=on_wording),
            SwitchTo(
                I18NPlain("year-copy-button"),
                id="ycopy",
                state=YearSetupSG.confirm_copy,
                on_click=on_back,
            ),
            when="editable",
        ),
        Row(
            Button(I18NPlain("year-prev-year"), id="yprev", on_click=on_prev_year),
            Button(
                I18NPlain("year-next-year"),
                id="ynext",
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
        *text_input("theme_text", on_theme),
        Button(
            I18NPlain("year-theme-clear-button"),
            id="yclear",
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
                id="yrename",
                state=YearSetupSG.rename,
                on_click=on_back,
            ),
            when="editable",
        ),
        Row(
            Button(I18NPlain("year-up-button"), id="yup", on_click=on_up, when="can_up"),
            Button(I18NPlain("year-down-button"), id="ydown", on_click=on_down, when="can_down"),
        ),
        _to_overview(),
        state=YearSetupSG.section,
        getter=section_getter,
    )


def _rename_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("year-rename"),
        *text_input("rename_text", on_rename),
        SwitchTo(I18NPlain("button-back"), id="back", state=YearSetupSG.section, on_click=on_back),
        state=YearSetupSG.rename,
        getter=section_getter,
    )


def _confirm_copy_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("year-copy-confirm"),
        Row(
            Button(I18NPlain("year-copy-yes"), id="ycopy_yes", on_click=on_copy),
            SwitchTo(
                I18NPlain("year-copy-no"),
                id="ycopy_no",
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
