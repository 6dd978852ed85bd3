"""Storage adapter: SQLAlchemy 2 tables, repositories (rows <-> domain) and Alembic migrations."""
