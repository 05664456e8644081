"""The join dialog's widget ids; a button's callback data begins with its id."""

BACK = "back"
CODE = "code"
JOIN = "join"
NAME = "name"
