"""The dashboard: the first page after signing in (views.py), and what it lists (selectors.py)."""
