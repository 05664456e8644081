"""The main menu and the help page."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import Dialog, DialogManager, Window
from aiogram_dialog.widgets.kbd import Back, Column, Start, SwitchTo

from dialogs import states
from dialogs.states import HistorySG, MainSG, MeetingSG, PlanSG, ReportSG
from dialogs.widgets import I18NFormat, I18NPlain
from domain.permissions import Actor
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
    }


def menu_dialog() -> Dialog:
    return Dialog(
        Window(
            I18NFormat("menu-title"),
            Column(
                Start(I18NPlain("menu-plan"), id="plan", state=PlanSG.overview, when="member"),
                Start(I18NPlain("menu-report"), id="report", state=ReportSG.item,
                      when="member"),
                Start(I18NPlain("menu-meetings"), id="meetings", state=MeetingSG.next,
                      when="member"),
                Start(I18NPlain("menu-history"), id="history", state=HistorySG.months,
                      when="member"),
                Start(I18NPlain("sec-menu"), id="secretary", state=states.SecretarySG.summary,
                      when="is_leader"),
                Start(I18NPlain("com-menu"), id="committee", state=states.CommitteeSG.rollup,
                      when="is_committee"),
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
