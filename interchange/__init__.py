"""Interchange with the tools and files around us: an assessment's answers, evidence, verdicts
and findings as a spreadsheet (export.py, formula-safe through core/spreadsheets.py) or as OSCAL
assessment results (oscal.py); the questionnaire for offline answering (offline.py); a vendor's
filled questionnaire read back in through a preview (answers_import/, mappings/); an existing
vendor list brought in the same way (vendor_list/). Uploaded spreadsheets are read by tables.py."""
