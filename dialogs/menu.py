"""The main menu and the help page."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.kbd import Back, Button, Column, Start, SwitchTo

from dialogs import states
from dialogs.member.common import actor_of, now_of, transaction
from dialogs.secretary.common import send_file
from dialogs.states import HistorySG, MainSG, MeetingSG, PlanSG, ReportSG
from dialogs.widgets import I18NFormat, I18NPlain
from domain.errors import DomainError
from domain.linking import LINK_CODE_LIFETIME, create_link_code
from domain.permissions import Actor
from domain.personal_data import my_data
from domain.vocabulary import Role
from locales import t

ZALO_CODE = "zalo_code"


async def menu_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    actor: Actor | None = dialog_manager.middleware_data.get("actor")
    return {
        "name": actor.full_name if actor else "",
        "is_leader": bool(actor and actor.leads_cell),
        "is_committee": bool(
            actor and actor.active and actor.role is Role.COMMITTEE and actor.committee_id
        ),
        "member": bool(actor and actor.active and actor.cell_id is not None),
        "active": bool(actor and actor.active),
    }


async def on_my_data(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    """The member's own data as a JSON file in this chat; whose it is comes from the
    sender's account, never from the button."""
    try:
        actor = actor_of(manager)
        async with transaction(manager) as session:
            file = await my_data(session, actor, actor.member_id, now_of(manager))
    except DomainError as error:
        await callback.answer(t(error.msg_id, **error.args_), show_alert=True)
        return
    await send_file(manager, file, t("menu-my-data-caption"))


async def on_link_zalo(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    """A one-time code to type on Zalo, shown in its own window."""
    try:
        actor = actor_of(manager)
        async with transaction(manager) as session:
            link = await create_link_code(session, actor, now_of(manager))
    except DomainError as error:
        await callback.answer(t(error.msg_id, **error.args_), show_alert=True)
        return
    manager.dialog_data[ZALO_CODE] = link.code
    await manager.switch_to(MainSG.zalo)


async def zalo_code_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {
        "code": str(dialog_manager.dialog_data.get(ZALO_CODE, "")),
        "hours": str(int(LINK_CODE_LIFETIME.total_seconds() // 3600)),
    }


async def _to_menu(callback: CallbackQuery, _: Button, manager: DialogManager) -> None:
    manager.dialog_data.pop(ZALO_CODE, None)
    await manager.switch_to(MainSG.menu)


def menu_dialog() -> Dialog:
    return Dialog(
        Window(
            I18NFormat("menu-title"),
            Column(
                Start(I18NPlain("menu-plan"), id="plan", state=PlanSG.overview, when="member"),
                Start(I18NPlain("menu-report"), id="report", state=ReportSG.item, when="member"),
                Start(
                    I18NPlain("menu-meetings"), id="meetings", state=MeetingSG.next, when="member"
                ),
                Start(
                    I18NPlain("menu-history"), id="history", state=HistorySG.months, when="member"
                ),
                Start(
                    I18NPlain("sec-menu"),
                    id="secretary",
                    state=states.SecretarySG.summary,
                    when="is_leader",
                ),
                Start(
                    I18NPlain("com-menu"),
                    id="committee",
                    state=states.CommitteeSG.rollup,
                    when="is_committee",
                ),
                Button(
                    I18NPlain("menu-link-zalo"),
                    id="link_zalo",
                    on_click=on_link_zalo,
                    when="member",
                ),
                Button(I18NPlain("menu-my-data"), id="my_data", on_click=on_my_data, when="active"),
                SwitchTo(I18NPlain("menu-help"), id="help", state=MainSG.help),
            ),
            state=MainSG.menu,
            getter=menu_getter,
        ),
        Window(
            I18NFormat("menu-zalo-code"),
            Button(I18NPlain("button-back"), id="zalo_back", on_click=_to_menu),
            state=MainSG.zalo,
            getter=zalo_code_getter,
        ),
        Window(
            I18NFormat("help-text"),
            Back(I18NPlain("button-back")),
            state=MainSG.help,
        ),
    )
