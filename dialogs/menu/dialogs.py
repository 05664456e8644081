"""The main menu and the help page."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Back, Column, SwitchTo, WebApp
from aiogram_dialog.widgets.text import Format

from dialogs import states
from dialogs.common import I18NFormat, I18NPlain
from dialogs.menu import ids
from dialogs.menu.getters import menu_getter, zalo_code_getter
from dialogs.menu.handlers import on_link_zalo, on_my_data, to_menu
from dialogs.states import HistorySG, MainSG, MeetingSG, PlanSG, ReportSG
from dialogs.widgets import button, start


def menu_dialog() -> Dialog:
    return Dialog(
        Window(
            I18NFormat("menu-title"),
            Column(
                start("menu-plan", ids.PLAN, PlanSG.overview, when="member"),
                start("menu-report", ids.REPORT, ReportSG.item, when="member"),
                start("menu-meetings", ids.MEETINGS, MeetingSG.next, when="member"),
                start("menu-history", ids.HISTORY, HistorySG.months, when="member"),
                start("sec-menu", ids.SECRETARY, states.SecretarySG.summary, when="is_leader"),
                start("com-menu", ids.COMMITTEE, states.CommitteeSG.rollup, when="is_committee"),
                WebApp(
                    I18NPlain("menu-webview"),
                    Format("{webview_url}"),
                    id=ids.WEBVIEW,
                    when="webview",
                ),
                button("menu-link-zalo", ids.LINK_ZALO, on_link_zalo, when="member"),
                button("menu-my-data", ids.MY_DATA, on_my_data, when="active"),
                SwitchTo(I18NPlain("menu-help"), id=ids.HELP, state=MainSG.help),
            ),
            state=MainSG.menu,
            getter=menu_getter,
        ),
        Window(
            I18NFormat("menu-zalo-code"),
            button("button-back", ids.ZALO_BACK, to_menu),
            state=MainSG.zalo,
            getter=zalo_code_getter,
        ),
        Window(
            I18NFormat("help-text"),
            Back(I18NPlain("button-back")),
            state=MainSG.help,
        ),
    )
