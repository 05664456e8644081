"""The cell's members for its leaders: who is active, waiting or out of reach; join
requests, deputies, leaving, transfers, and invites sent as a link and a QR code."""

from __future__ import annotations

from aiogram_dialog import Dialog, Window
from aiogram_dialog.widgets.kbd import Row

from dialogs.common import I18NFormat, text_input
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
from dialogs.states import MembersSG as SG
from dialogs.widgets import back_row, button, scrolling, switch, window


def _member_windows() -> list[Window]:
    return [
        window(
            I18NFormat("sec-member-card", when="found"),
            I18NFormat("sec-member-gone", when="gone"),
            Row(
                button("sec-approve", ids.APPROVE, on_approve, when="pending"),
                button("sec-refuse", ids.REFUSE, on_refuse, when="pending"),
            ),
            switch("sec-rename", ids.RENAME, SG.rename, when="found"),
            button("sec-make-deputy", ids.PROMOTE, on_promote, when="can_promote"),
            button("sec-unmake-deputy", ids.DEMOTE, on_demote, when="can_demote"),
            Row(
                switch("sec-transfer", ids.TRANSFER, SG.transfer, when="can_remove"),
                switch("sec-mark-left", ids.LEFT, SG.confirm_left, when="can_remove"),
            ),
            switch("button-back", ids.BACK, SG.roster),
            state=SG.member,
            getter=member_getter,
        ),
        window(
            I18NFormat("sec-ask-rename", when="found"),
            I18NFormat("sec-member-gone", when="gone"),
            *text_input(ids.NEW_NAME, on_rename),
            switch("sec-cancel", ids.NO_RENAME, SG.member),
            state=SG.rename,
            getter=member_getter,
        ),
        window(
            I18NFormat("sec-confirm-left", when="found"),
            button("sec-confirm-left-button", ids.YES_LEFT, on_left, when="found"),
            switch("sec-cancel", ids.NO_LEFT, SG.member),
            state=SG.confirm_left,
            getter=member_getter,
        ),
        window(
            I18NFormat("sec-transfer-choose", when="has_cells"),
            I18NFormat("sec-transfer-none", when="no_cells"),
            scrolling(ids.CELL, "cells", on_target, ids.CELLS_PAGE),
            switch("button-back", ids.BACK_TRANSFER, SG.member),
            state=SG.transfer,
            getter=transfer_getter,
        ),
        window(
            I18NFormat("sec-confirm-transfer", when="found"),
            button("sec-confirm-transfer-button", ids.YES_TRANSFER, on_transfer, when="found"),
            switch("sec-cancel", ids.NO_TRANSFER, SG.transfer),
            state=SG.confirm_transfer,
            getter=transfer_getter,
        ),
    ]


def _former_windows() -> list[Window]:
    return [
        window(
            I18NFormat("sec-former", when="has_former"),
            I18NFormat("sec-former-none", when="no_former"),
            scrolling(ids.FORMER_LIST, "former", on_former, ids.FORMER_PAGE),
            switch("button-back", ids.BACK_FORMER, SG.roster),
            state=SG.former,
            getter=former_getter,
        ),
        window(
            I18NFormat("sec-former-card", when="identified"),
            I18NFormat("sec-former-card-anonymised", when="anonymised"),
            I18NFormat("sec-member-gone", when="gone"),
            switch("sec-anonymise", ids.ANONYMISE, SG.confirm_anonymise, when="can_anonymise"),
            switch("button-back", ids.BACK_FORMER_MEMBER, SG.former),
            state=SG.former_member,
            getter=former_member_getter,
        ),
        window(
            I18NFormat("sec-confirm-anonymise", when="can_anonymise"),
            button(
                "sec-confirm-anonymise-button", ids.YES_ANONYMISE, on_anonymise, "can_anonymise"
            ),
            switch("sec-cancel", ids.NO_ANONYMISE, SG.former_member),
            state=SG.confirm_anonymise,
            getter=former_member_getter,
        ),
    ]


def members_dialog() -> Dialog:
    return Dialog(
        window(
            I18NFormat("sec-roster"),
            scrolling(ids.MEMBER_LIST, "members", on_member, ids.ROSTER_PAGE),
            switch("sec-invite-button", ids.INVITE, SG.invite),
            switch("sec-former-button", ids.FORMER, SG.former),
            back_row(),
            state=SG.roster,
            getter=roster_getter,
        ),
        *_member_windows(),
        window(
            I18NFormat("sec-invite"),
            button("sec-invite-direct-button", ids.INV_DIRECT, on_invite_direct),
            button("sec-invite-approval-button", ids.INV_APPROVAL, on_invite_approval),
            switch("button-back", ids.BACK_INVITE, SG.roster),
            state=SG.invite,
            getter=invite_getter,
        ),
        *_former_windows(),
    )
