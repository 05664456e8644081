"""What a cell's secretary and deputies do in chat: the month, nudges, exports."""
