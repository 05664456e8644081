"""The guest dialog's widget ids; a button's callback data begins with its id."""

MY_DATA = "my_data"
