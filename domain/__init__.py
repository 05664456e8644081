"""The rules of chibo, channel-agnostic: plans, reports, meetings, permissions, summaries."""
