"""Every dialog's states, one ``StatesGroup`` per dialog."""

from aiogram.fsm.state import State, StatesGroup


class MainSG(StatesGroup):
    menu = State()
    help = State()


class GuestSG(StatesGroup):
    """Someone who is not (yet) an active member."""

    welcome = State()
    pending = State()


class SecretarySG(StatesGroup):
    """A cell's secretary or deputy: the month, nudges, each report, exports."""

    summary = State()
    missing = State()
    members = State()
    member_report = State()


class CommitteeSG(StatesGroup):
    """A committee member: the roll-up of the committee's cells."""

    rollup = State()
