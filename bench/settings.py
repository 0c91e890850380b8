"""Settings for benchmark runs only: the real settings plus the baseline views' URLs and templates.

Production never loads this module; the baselines exist so every figure can be reported as a ratio
against something measured on the same machine in the same run.
"""

from config.settings import *  # noqa: F403
from config.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
