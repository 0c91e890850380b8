"""The form script labels a just-attached file as the pages do: its copy of the scan status labels
must stay equal to Evidence.ScanStatus."""

import json
import re

from assessments.models import Evidence
from tests.support.processes import ROOT


def test_the_form_script_knows_every_scan_status_with_the_same_label():
    script = (ROOT / "static" / "js" / "assessment-form.js").read_text()
    literal = re.search(r"var SCAN_LABELS = (\{.*?\});", script).group(1)
    labels = json.loads(re.sub(r"(\w+):", r'"\1":', literal))
    assert labels == dict(Evidence.ScanStatus.choices)
