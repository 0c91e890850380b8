"""Vendor tiers and review cadence (issue 23): an offering's inherent risk, asked in a short
versioned questionnaire (rules/inherent-risk-v<N>.yaml, read by rules.py), gives a tier (1 to 4)
that a reviewer may override with a reason; the tier sets how often the offering is reviewed, and
the nightly job (tasks.py, due.py) tells the people concerned what falls due.

- rules.py: the rules file, validated, and the tier answers give (pure);
- services.py: recording the answers, overriding the tier (each in the vendor's history);
- selectors.py: an offering's tier, last decision and next review due;
- due.py: what falls due in 60, 30 and 0 days (reassessments, expiring documents, conditions),
  and the reminder mails, each sent once per threshold.
"""
