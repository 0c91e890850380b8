"""Cells a spreadsheet will not run. A spreadsheet runs a cell that begins with =, +, -, @ (or a
tab or carriage return before one) as a formula, and what we export holds text typed by people
outside the company (vendors' names, their answers). OWASP's advice: put a single quote before
such a cell, which spreadsheets read as "this is text". Every export goes through here."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: object) -> object:
    """Text that a spreadsheet would run as a formula, as text; numbers and dates unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
