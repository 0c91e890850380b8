"""The portal's tests start where an invitation ends: they share its fixtures."""

from tests.assessments.invitations.conftest import (  # noqa: F401  (fixtures, found by name)
    _fresh_rate_limits,
    assessment,
    invite,
    mail_now,
    vendor,
)
