"""Plain aiogram handlers: commands and errors that sit outside any dialog."""
