"""The main menu and the help page."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Back, Button, Column, Start, SwitchTo

from dialogs import states
from dialogs.common import I18NFormat, I18NPlain
from dialogs.menu import ids
from dialogs.menu.getters import menu_getter, zalo_code_getter
from dialogs.menu.handlers import on_link_zalo, on_my_data, to_menu
from dialogs.states import HistorySG, MainSG, MeetingSG, PlanSG, ReportSG


def menu_dialog() -> Dialog:
    return Dialog(
        Window(
            I18NFormat("menu-title"),
            Column(
                Start(I18NPlain("menu-plan"), id=ids.PLAN, state=PlanSG.overview, when="member"),
                Start(I18NPlain("menu-report"), id=ids.REPORT, state=ReportSG.item, when="member"),
                Start(
                    I18NPlain("menu-meetings"), id=ids.MEETINGS, state=MeetingSG.next, when="member"
                ),
                Start(
                    I18NPlain("menu-history"), id=ids.HISTORY, state=HistorySG.months, when="member"
                ),
                Start(
                    I18NPlain("sec-menu"),
                    id=ids.SECRETARY,
                    state=states.SecretarySG.summary,
                    when="is_leader",
                ),
                Start(
                    I18NPlain("com-menu"),
                    id=ids.COMMITTEE,
                    state=states.CommitteeSG.rollup,
                    when="is_committee",
                ),
                Button(
                    I18NPlain("menu-link-zalo"),
                    id=ids.LINK_ZALO,
                    on_click=on_link_zalo,
                    when="member",
                ),
                Button(
                    I18NPlain("menu-my-data"), id=ids.MY_DATA, on_click=on_my_data, when="active"
                ),
                SwitchTo(I18NPlain("menu-help"), id=ids.HELP, state=MainSG.help),
            ),
            state=MainSG.menu,
            getter=menu_getter,
        ),
        Window(
            I18NFormat("menu-zalo-code"),
            Button(I18NPlain("button-back"), id=ids.ZALO_BACK, on_click=to_menu),
            state=MainSG.zalo,
            getter=zalo_code_getter,
        ),
        Window(
            I18NFormat("help-text"),
            Back(I18NPlain("button-back")),
            state=MainSG.help,
        ),
    )
