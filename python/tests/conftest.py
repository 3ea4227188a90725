"""Shared helpers: the repository, the shared data, the command line to compare with."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def dumps(obj: Dict[str, Any]) -> str:
    """A record or error object as the command line writes it."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def shared(*parts: str) -> Path:
    """A folder of the shared data, or a visible skip when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        print(f"SKIPPED: {path} is absent")
        pytest.skip(f"SKIPPED: {path} is absent")
    return path


_bin: Optional[str] = None


def cli_bin() -> str:
    """The newsnorm binary: $NEWSNORM_BIN, else target/debug/newsnorm (built if absent)."""
    global _bin
    if _bin is None:
        env = os.environ.get("NEWSNORM_BIN")
        if env:
            _bin = env
        else:
            path = ROOT / "target" / "debug" / "newsnorm"
            if not path.exists():
                cargo = shutil.which("cargo")
                if cargo is None:
                    pytest.skip("SKIPPED: no newsnorm binary and no cargo to build one")
                subprocess.run([cargo, "build", "--quiet", "--bin", "newsnorm"], cwd=ROOT, check=True)
            _bin = str(path)
    return _bin


def cli_lines(args: Sequence[str], cwd: Path = ROOT) -> List[str]:
    """The command line's lines, records and error objects in input order (`--errors -`)."""
    proc = subprocess.run(
        [cli_bin(), "-q", "-j", "2", "--errors", "-", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr.decode(errors="replace")
    # Split on "\n" only: a line may hold U+2028 and other characters str.splitlines() splits on.
    return proc.stdout.decode("utf-8").split("\n")[:-1]


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # Paths are given relative to the repository, as the command line gets them.
    monkeypatch.chdir(ROOT)
