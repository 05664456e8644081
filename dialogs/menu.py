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
from domain.permissions import Actor
from domain.personal_data import my_data
from locales import t
from storage.models import Role


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
                Button(I18NPlain("menu-my-data"), id="my_data", on_click=on_my_data, when="active"),
                SwitchTo(I18NPlain("menu-help"), id="help", state=MainSG.help),
            ),
            state=MainSG.menu,
            getter=menu_getter,
        ),
        Window(
            I18NFormat("help-text"),
            Back(I18NPlain("button-back")),
            state=MainSG.help,
        ),
    )
