"""Questionnaire files: validation (schema.py), import (loader.py) and export (export.py)."""
