"""A downloaded report is named after what it is about and when, in safe characters; names in
other scripts keep their letters in the UTF-8 form of the header."""

import datetime

from assessments.models import Assessment
from reports.filenames import content_disposition, report_filename
from reports.models import Report
from vendors.models import Offering, Vendor

DAY = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=datetime.UTC)


def _report(vendor: str, offering: str) -> Report:
    """Unsaved: the name needs only the names and the date."""
    assessment = Assessment(offering=Offering(vendor=Vendor(name=vendor), name=offering))
    return Report(
        kind=Report.Kind.ASSESSMENT, assessment=assessment, created_at=DAY, finished_at=DAY
    )


def test_an_assessment_report_is_named_vendor_offering_date():
    report = _report("Aurora Identity", "Aurora Workforce SSO")
    assert report_filename(report) == "aurora-identity-aurora-workforce-sso-2026-12-07.pdf"
    assert content_disposition(report) == (
        'attachment; filename="aurora-identity-aurora-workforce-sso-2026-12-07.pdf"'
    )


def test_names_in_other_scripts_keep_their_letters_in_the_utf8_name():
    report = _report("東京 Systems", "Ōsaka Gateway")
    assert report_filename(report) == "systems-osaka-gateway-2026-12-07.pdf"
    header = content_disposition(report)
    assert header.startswith('attachment; filename="systems-osaka-gateway-2026-12-07.pdf"; ')
    assert "filename*=UTF-8''%E6%9D%B1%E4%BA%AC-systems-%C5%8Dsaka-gateway-2026-12-07.pdf" in header


def test_a_hostile_name_cannot_break_out_of_the_header():
    report = _report('Evil"; filename=../../etc/passwd\r\nX-Injected: 1', "../..")
    header = content_disposition(report)
    assert "\r" not in header and "\n" not in header and "/" not in header
    assert header.count('"') == 2
    assert report_filename(report).endswith("-offering-2026-12-07.pdf")


def test_a_comparison_is_named_by_its_date():
    report = Report(kind=Report.Kind.COMPARISON, created_at=DAY, finished_at=None)
    assert report_filename(report) == "comparison-2026-12-07.pdf"


def test_an_answers_export_is_named_vendor_offering_answers_date():
    report = _report("Aurora Identity", "Aurora Workforce SSO")
    report.kind = Report.Kind.ANSWERS_XLSX
    assert report_filename(report) == "aurora-identity-aurora-workforce-sso-answers-2026-12-07.xlsx"


def test_a_list_export_is_named_assessments_date():
    report = Report(kind=Report.Kind.PORTFOLIO_CSV, created_at=DAY, finished_at=DAY)
    assert report_filename(report) == "assessments-2026-12-07.csv"
