"""What a member does in chat: join a cell, the yearly plan, the monthly report,
history, meetings and notices of absence."""
