"""Interchange with the tools around us (issue 24): an assessment's answers, evidence, verdicts and
findings as a spreadsheet (export.py), formula-safe (core/spreadsheets.py). Imports of vendors'
spreadsheets and OSCAL come later in this package."""
