"""The cell's members for its leaders: who is active, waiting or out of reach; join
requests, deputies, leaving, transfers, and invites sent as a link and a QR code."""

from __future__ import annotations

from aiogram.fsm.state import State
from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Button, Cancel, Row, ScrollingGroup, Select, SwitchTo
from aiogram_dialog.widgets.text import Format

from dialogs.common import (
    I18NFormat,
    I18NPlain,
    menu_button,
    message_lines,
    text_input,
)
from dialogs.members.getters import (
    former_getter,
    former_member_getter,
    invite_getter,
    member_getter,
    roster_getter,
    transfer_getter,
)
from dialogs.members.handlers import (
    on_anonymise,
    on_approve,
    on_back,
    on_demote,
    on_former,
    on_invite_approval,
    on_invite_direct,
    on_left,
    on_member,
    on_promote,
    on_refuse,
    on_rename,
    on_target,
    on_transfer,
)
from dialogs.states import MembersSG

PAGE_HEIGHT = 10


def _to(state: State, widget_id: str, *, cancel: bool = False) -> SwitchTo:
    caption = I18NPlain("sec-cancel") if cancel else I18NPlain("button-back")
    return SwitchTo(caption, id=widget_id, state=state, on_click=on_back)


def _roster_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-roster"),
        ScrollingGroup(
            Select(
                Format("{item[label]}"),
                id="m",
                item_id_getter=lambda m: m["id"],
                items="members",
                on_click=on_member,
            ),
            id="roster_page",
            width=1,
            height=PAGE_HEIGHT,
            hide_on_single_page=True,
        ),
        SwitchTo(
            I18NPlain("sec-invite-button"), id="invite", state=MembersSG.invite, on_click=on_back
        ),
        SwitchTo(
            I18NPlain("sec-former-button"), id="former", state=MembersSG.former, on_click=on_back
        ),
        Row(Cancel(I18NPlain("button-back")), menu_button()),
        state=MembersSG.roster,
        getter=roster_getter,
    )


def _member_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-member-card", when="found"),
        I18NFormat("sec-member-gone", when="gone"),
        Row(
            Button(I18NPlain("sec-approve"), id="approve", on_click=on_approve, when="pending"),
            Button(I18NPlain("sec-refuse"), id="refuse", on_click=on_refuse, when="pending"),
        ),
        SwitchTo(
            I18NPlain("sec-rename"),
            id="rename",
            state=MembersSG.rename,
            on_click=on_back,
            when="found",
        ),
        Button(I18NPlain("sec-make-deputy"), id="promote", on_click=on_promote, when="can_promote"),
        Button(I18NPlain("sec-unmake-deputy"), id="demote", on_click=on_demote, when="can_demote"),
        Row(
            SwitchTo(
                I18NPlain("sec-transfer"),
                id="transfer",
                state=MembersSG.transfer,
                on_click=on_back,
                when="can_remove",
            ),
            SwitchTo(
                I18NPlain("sec-mark-left"),
                id="left",
                state=MembersSG.confirm_left,
                on_click=on_back,
                when="can_remove",
            ),
        ),
        _to(MembersSG.roster, "back"),
        state=MembersSG.member,
        getter=member_getter,
    )


def _rename_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-ask-rename", when="found"),
        I18NFormat("sec-member-gone", when="gone"),
        *text_input("new_name", on_rename),
        _to(MembersSG.member, "no_rename", cancel=True),
        state=MembersSG.rename,
        getter=member_getter,
    )


def _confirm_left_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-confirm-left", when="found"),
        Button(I18NPlain("sec-confirm-left-button"), id="yes_left", on_click=on_left, when="found"),
        _to(MembersSG.member, "no_left", cancel=True),
        state=MembersSG.confirm_left,
        getter=member_getter,
    )


def _transfer_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-transfer-choose", when="has_cells"),
        I18NFormat("sec-transfer-none", when="no_cells"),
        ScrollingGroup(
            Select(
                Format("{item[label]}"),
                id="cell",
                item_id_getter=lambda c: c["id"],
                items="cells",
                on_click=on_target,
            ),
            id="cells_page",
            width=1,
            height=PAGE_HEIGHT,
            hide_on_single_page=True,
        ),
        _to(MembersSG.member, "back_transfer"),
        state=MembersSG.transfer,
        getter=transfer_getter,
    )


def _confirm_transfer_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-confirm-transfer", when="found"),
        Button(
            I18NPlain("sec-confirm-transfer-button"),
            id="yes_transfer",
            on_click=on_transfer,
            when="found",
        ),
        _to(MembersSG.transfer, "no_transfer", cancel=True),
        state=MembersSG.confirm_transfer,
        getter=transfer_getter,
    )


def _invite_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-invite"),
        Button(I18NPlain("sec-invite-direct-button"), id="inv_direct", on_click=on_invite_direct),
        Button(
            I18NPlain("sec-invite-approval-button"),
            id="inv_approval",
            on_click=on_invite_approval,
        ),
        _to(MembersSG.roster, "back_invite"),
        state=MembersSG.invite,
        getter=invite_getter,
    )


def members_dialog() -> Dialog:
    return Dialog(
        _roster_window(),
        _member_window(),
        _rename_window(),
        _confirm_left_window(),
        _transfer_window(),
        _confirm_transfer_window(),
        _invite_window(),
        *_former_windows(),
    )


def _former_windows() -> list[Window]:
    return [
        Window(
            *message_lines(),
            I18NFormat("sec-former", when="has_former"),
            I18NFormat("sec-former-none", when="no_former"),
            ScrollingGroup(
                Select(
                    Format("{item[label]}"),
                    id="f",
                    item_id_getter=lambda m: m["id"],
                    items="former",
                    on_click=on_former,
                ),
                id="former_page",
                width=1,
                height=PAGE_HEIGHT,
                hide_on_single_page=True,
            ),
            _to(MembersSG.roster, "back_former"),
            state=MembersSG.former,
            getter=former_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("sec-former-card", when="identified"),
            I18NFormat("sec-former-card-anonymised", when="anonymised"),
            I18NFormat("sec-member-gone", when="gone"),
            SwitchTo(
                I18NPlain("sec-anonymise"),
                id="anonymise",
                state=MembersSG.confirm_anonymise,
                on_click=on_back,
                when="can_anonymise",
            ),
            _to(MembersSG.former, "back_former_member"),
            state=MembersSG.former_member,
            getter=former_member_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("sec-confirm-anonymise", when="can_anonymise"),
            Button(
                I18NPlain("sec-confirm-anonymise-button"),
                id="yes_anonymise",
                on_click=on_anonymise,
                when="can_anonymise",
            ),
            _to(MembersSG.former_member, "no_anonymise", cancel=True),
            state=MembersSG.confirm_anonymise,
            getter=former_member_getter,
        ),
    ]
