"""Every dialog's states, one ``StatesGroup`` per dialog."""

from aiogram.fsm.state import State, StatesGroup


class MainSG(StatesGroup):
    menu = State()
    help = State()


class GuestSG(StatesGroup):
    """Someone who is not (yet) an active member."""

    welcome = State()
    pending = State()
