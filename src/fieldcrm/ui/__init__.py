"""The desktop window (PySide6): screens, table models, and the operations they run on the database worker."""
