"""A team's own vendor list (.xlsx or .csv) into the catalogue, previewed first (issue 24):
`columns.py` (which column holds what), `rows.py` (each row checked with the catalogue's rules),
`plan.py` (matched to the catalogue: create, update, unchanged, conflicts, errors),
`services.py` (preview, confirm, discard), `selectors.py`, `page.py` and `views.py`."""
