"""The load test at a human pace: the same 50 procurement users and 5 architects as
bench/bench_load.py, arriving over 30 s and then each sending one request a second, instead of
all at once and as fast as the server answers. The target "p95 < 300 ms for page views
under 50 users" is read here; the unpaced run shows the saturated server.

    python bench/bench_load_paced.py [--quick]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_load import THINK_SECONDS, print_summary, run, run_summary

if __name__ == "__main__" and "--json" in sys.argv:
    from bench.common import bench_main

    bench_main(lambda quick=False: run(quick, paced=True), sys.argv)
elif __name__ == "__main__":
    print_summary(run_summary(quick="--quick" in sys.argv, think_seconds=THINK_SECONDS))
