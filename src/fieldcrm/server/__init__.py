"""Head-office sync server (FastAPI): accounts, push/pull with field-level merge, visibility rules."""
