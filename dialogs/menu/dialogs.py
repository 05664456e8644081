"""The main menu and the help page."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Back, Button, Column, Start, SwitchTo

from dialogs import states
from dialogs.common import I18NFormat, I18NPlain
from dialogs.menu.getters import menu_getter, zalo_code_getter
from dialogs.menu.handlers import on_link_zalo, on_my_data, to_menu
from dialogs.states import HistorySG, MainSG, MeetingSG, PlanSG, ReportSG


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
            Button(I18NPlain("button-back"), id="zalo_back", on_click=to_menu),
            state=MainSG.zalo,
            getter=zalo_code_getter,
        ),
        Window(
            I18NFormat("help-text"),
            Back(I18NPlain("button-back")),
            state=MainSG.help,
        ),
    )
