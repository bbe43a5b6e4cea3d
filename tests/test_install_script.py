"""The newcomer's first command: system packages installed as root without sudo, or as a user through sudo."""

from __future__ import annotations

import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "install-debian-packages.sh"


def _stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)


def _run(tmp_path: Path, *, uid: int, with_sudo: bool, subset_packaged: bool = True) -> tuple[int, list[str]]:
    """Run the script against stub id/sudo/apt-get/apt-cache that log their calls instead of installing."""
    log = tmp_path / "calls.log"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _stub(bin_dir, "id", f"echo {uid}")
    _stub(bin_dir, "apt-get", f'echo "apt-get $*" >> {log}')
    _stub(bin_dir, "apt-cache", "exit 0" if subset_packaged else "exit 100")
    if with_sudo:
        _stub(bin_dir, "sudo", f'echo "sudo $1" >> {log}; "$@"')
    # Only the stubs and the basic tools: no real sudo or apt-get can be reached.
    tools = tmp_path / "tools"
    tools.mkdir()
    for tool in ("env", "echo", "sh"):
        real = next(Path(p) / tool for p in ("/usr/bin", "/bin") if (Path(p) / tool).exists())
        (tools / tool).symlink_to(real)
    result = subprocess.run(
        ["/bin/sh", str(SCRIPT)],
        env={"PATH": f"{bin_dir}:{tools}", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    calls = log.read_text().splitlines() if log.exists() else []
    return result.returncode, calls


def test_root_without_sudo_installs_directly(tmp_path):
    code, calls = _run(tmp_path, uid=0, with_sudo=False)
    assert code == 0
    assert calls[0] == "apt-get update"
    assert calls[-1].startswith("apt-get install -y") and "libharfbuzz-subset0" in calls[-1]
    assert "libpango-1.0-0" in calls[-1] and "python3-venv" in calls[-1] and "make" in calls[-1].split()


def test_a_user_goes_through_sudo(tmp_path):
    code, calls = _run(tmp_path, uid=1000, with_sudo=True)
    assert code == 0
    assert calls.count("sudo apt-get") == 1 and calls.count("sudo env") == 1
    assert any(c.startswith("apt-get install") for c in calls)


def test_a_user_without_sudo_is_told_what_to_do(tmp_path):
    code, calls = _run(tmp_path, uid=1000, with_sudo=False)
    assert code == 1 and calls == []


def test_older_releases_without_the_subset_library_still_install(tmp_path):
    code, calls = _run(tmp_path, uid=0, with_sudo=False, subset_packaged=False)
    assert code == 0 and "libharfbuzz-subset0" not in calls[-1]
