"""requirements/*.txt, the locks `make`, CI and the image install from: every dependency of
pyproject.toml pinned within its range, every pin hash-checked, and the runtime lock the same
versions as the dev lock (so tests run what production runs)."""

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.deploy.conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)((?:\s*;[^\\]*)?)")


def _lock(name: str) -> dict[str, dict]:
    """package -> {version, marker, hashes} of one lock file."""
    pins: dict[str, dict] = {}
    current = None
    for line in (ROOT / "requirements" / name).read_text().splitlines():
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match[1])
            marker = match[3].strip().lstrip(";").strip()
            pins[current] = {"version": match[2], "marker": marker, "hashes": []}
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", line)
        if current and hashes:
            pins[current]["hashes"] += hashes
    return pins


def _declared() -> dict[str, list[Requirement]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {
        "runtime.txt": [Requirement(r) for r in project["dependencies"]],
        "dev.txt": [
            Requirement(r)
            for r in project["dependencies"] + project["optional-dependencies"]["dev"]
        ],
    }


def test_every_declared_dependency_is_pinned_within_its_range_with_hashes():
    for lock_name, requirements in _declared().items():
        pins = _lock(lock_name)
        assert len(pins) > len(requirements)  # the transitive ones are pinned too
        for requirement in requirements:
            pin = pins.get(canonicalize_name(requirement.name))
            assert pin, f"{requirement.name} is missing from requirements/{lock_name}: make lock"
            assert requirement.specifier.contains(pin["version"], prereleases=True), (
                f"requirements/{lock_name} pins {requirement.name}=={pin['version']}, outside "
                f"{requirement.specifier}: make lock"
            )
        unhashed = sorted(name for name, pin in pins.items() if not pin["hashes"])
        assert not unhashed, f"pins without a hash in {lock_name}: {unhashed}"


def test_the_runtime_lock_holds_the_dev_locks_versions():
    runtime, dev = _lock("runtime.txt"), _lock("dev.txt")
    differ = {
        name: (pin["version"], dev.get(name, {}).get("version"))
        for name, pin in runtime.items()
        if dev.get(name, {}).get("version") != pin["version"]
    }
    assert not differ, f"runtime vs dev lock: {differ}; run make lock"


def test_the_lock_serves_every_python_3_11_release():
    """Debian's Python is 3.11.2: redis needs async-timeout there and not on 3.11.3+, so the lock
    is universal (a marker on that pin), not resolved for this machine's interpreter alone."""
    pin = _lock("runtime.txt")["async-timeout"]
    assert "python_full_version < '3.11.3'" in pin["marker"]


def test_make_and_the_image_install_the_locks_with_hashes():
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --quiet --require-hashes -r requirements/runtime.txt" in makefile
    assert "pip install --quiet --require-hashes -r requirements/dev.txt" in makefile
    # The stamps install the locks alone: no unpinned resolution of pyproject.toml behind them.
    stamps = re.findall(r"^\$\((?:RUN|DEV)_STAMP\):.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert len(stamps) == 2 and not any(" -e " in recipe for recipe in stamps)
    dockerfile = (ROOT / "docker" / "Dockerfile").read_text()
    assert "COPY requirements/runtime.txt" in dockerfile and "--require-hashes" in dockerfile
