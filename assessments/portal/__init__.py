"""The vendor's answering portal, under /vendor/: an invited vendor contact answers the invited
domains of one assessment. Not to be confused with `vendors/`, the catalogue of vendors.

This package is the portal's whole security boundary:
- access.py     who the vendor on a request is (no Django login: a vendor session obtained by
                confirming an invitation link) and the getters that scope everything they reach
                to one assessment and its invited domains; anything else is 404
- services.py   the vendor's writes (answers, evidence, "done"), through the same answer and
                evidence writes as the internal side, always as the contact's claims
- context.py    what the vendor sees: built field by field, so nothing internal leaks by default
- views.py, urls.py   the pages and JSON endpoints, never cached, never sending a Referer
"""

from assessments.portal.services import vendor_answer_save, vendor_evidence_add, vendor_mark_done

__all__ = ["vendor_answer_save", "vendor_evidence_add", "vendor_mark_done"]
