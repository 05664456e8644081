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
from dialogs.members import ids
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
                id=ids.MEMBER_LIST,
                item_id_getter=lambda m: m["id"],
                items="members",
                on_click=on_member,
            ),
            id=ids.ROSTER_PAGE,
            width=1,
            height=PAGE_HEIGHT,
            hide_on_single_page=True,
        ),
        SwitchTo(
            I18NPlain("sec-invite-button"), id=ids.INVITE, state=MembersSG.invite, on_click=on_back
        ),
        SwitchTo(
            I18NPlain("sec-former-button"), id=ids.FORMER, state=MembersSG.former, on_click=on_back
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
            Button(I18NPlain("sec-approve"), id=ids.APPROVE, on_click=on_approve, when="pending"),
            Button(I18NPlain("sec-refuse"), id=ids.REFUSE, on_click=on_refuse, when="pending"),
        ),
        SwitchTo(
            I18NPlain("sec-rename"),
            id=ids.RENAME,
            state=MembersSG.rename,
            on_click=on_back,
            when="found",
        ),
        Button(
            I18NPlain("sec-make-deputy"), id=ids.PROMOTE, on_click=on_promote, when="can_promote"
        ),
        Button(
            I18NPlain("sec-unmake-deputy"), id=ids.DEMOTE, on_click=on_demote, when="can_demote"
        ),
        Row(
            SwitchTo(
                I18NPlain("sec-transfer"),
                id=ids.TRANSFER,
                state=MembersSG.transfer,
                on_click=on_back,
                when="can_remove",
            ),
            SwitchTo(
                I18NPlain("sec-mark-left"),
                id=ids.LEFT,
                state=MembersSG.confirm_left,
                on_click=on_back,
                when="can_remove",
            ),
        ),
        _to(MembersSG.roster, ids.BACK),
        state=MembersSG.member,
        getter=member_getter,
    )


def _rename_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-ask-rename", when="found"),
        I18NFormat("sec-member-gone", when="gone"),
        *text_input(ids.NEW_NAME, on_rename),
        _to(MembersSG.member, ids.NO_RENAME, cancel=True),
        state=MembersSG.rename,
        getter=member_getter,
    )


def _confirm_left_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-confirm-left", when="found"),
        Button(
            I18NPlain("sec-confirm-left-button"), id=ids.YES_LEFT, on_click=on_left, when="found"
        ),
        _to(MembersSG.member, ids.NO_LEFT, cancel=True),
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
                id=ids.CELL,
                item_id_getter=lambda c: c["id"],
                items="cells",
                on_click=on_target,
            ),
            id=ids.CELLS_PAGE,
            width=1,
            height=PAGE_HEIGHT,
            hide_on_single_page=True,
        ),
        _to(MembersSG.member, ids.BACK_TRANSFER),
        state=MembersSG.transfer,
        getter=transfer_getter,
    )


def _confirm_transfer_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-confirm-transfer", when="found"),
        Button(
            I18NPlain("sec-confirm-transfer-button"),
            id=ids.YES_TRANSFER,
            on_click=on_transfer,
            when="found",
        ),
        _to(MembersSG.transfer, ids.NO_TRANSFER, cancel=True),
        state=MembersSG.confirm_transfer,
        getter=transfer_getter,
    )


def _invite_window() -> Window:
    return Window(
        *message_lines(),
        I18NFormat("sec-invite"),
        Button(I18NPlain("sec-invite-direct-button"), id=ids.INV_DIRECT, on_click=on_invite_direct),
        Button(
            I18NPlain("sec-invite-approval-button"),
            id=ids.INV_APPROVAL,
            on_click=on_invite_approval,
        ),
        _to(MembersSG.roster, ids.BACK_INVITE),
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
                    id=ids.FORMER_LIST,
                    item_id_getter=lambda m: m["id"],
                    items="former",
                    on_click=on_former,
                ),
                id=ids.FORMER_PAGE,
                width=1,
                height=PAGE_HEIGHT,
                hide_on_single_page=True,
            ),
            _to(MembersSG.roster, ids.BACK_FORMER),
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
                id=ids.ANONYMISE,
                state=MembersSG.confirm_anonymise,
                on_click=on_back,
                when="can_anonymise",
            ),
            _to(MembersSG.former, ids.BACK_FORMER_MEMBER),
            state=MembersSG.former_member,
            getter=former_member_getter,
        ),
        Window(
            *message_lines(),
            I18NFormat("sec-confirm-anonymise", when="can_anonymise"),
            Button(
                I18NPlain("sec-confirm-anonymise-button"),
                id=ids.YES_ANONYMISE,
                on_click=on_anonymise,
                when="can_anonymise",
            ),
            _to(MembersSG.former_member, ids.NO_ANONYMISE, cancel=True),
            state=MembersSG.confirm_anonymise,
            getter=former_member_getter,
        ),
    ]
