"""The menu dialog: what its windows show."""

from __future__ import annotations

from typing import Any

from aiogram_dialog import DialogManager

from dialogs.common import actor_or_none
from domain.linking import LINK_CODE_LIFETIME
from domain.vocabulary import Role

ZALO_CODE = "zalo_code"


async def menu_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    actor = await actor_or_none(dialog_manager)
    is_committee = bool(
        actor and actor.active and actor.role is Role.COMMITTEE and actor.committee_id
    )
    webview_url = dialog_manager.middleware_data.get("webview_url")
    return {
        "webview_url": webview_url or "",
        "webview": bool(webview_url and (is_committee or (actor and actor.leads_cell))),
        "name": actor.full_name if actor else "",
        "is_leader": bool(actor and actor.leads_cell),
        "is_committee": is_committee,
        "member": bool(actor and actor.active and actor.cell_id is not None),
        "active": bool(actor and actor.active),
    }


async def zalo_code_getter(dialog_manager: DialogManager, **_: Any) -> dict[str, Any]:
    return {
        "code": str(dialog_manager.dialog_data.get(ZALO_CODE, "")),
        "hours": str(int(LINK_CODE_LIFETIME.total_seconds() // 3600)),
    }
