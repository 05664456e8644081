"""Persistence: models, engine and sessions, repositories, SQL aggregation, migrations."""
