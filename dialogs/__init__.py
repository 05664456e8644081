"""aiogram-dialog windows, getters and handlers; they call domain use cases, never SQL."""
