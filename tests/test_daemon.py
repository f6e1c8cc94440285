"""sgnet report on the kept kernel of sgnet.daemon: reused, private, replaced when stale."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
import time

import pytest


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """A daemon of its own for these tests (own runtime folder), stopped at the end."""
    runtime = tmp_path_factory.mktemp("daemon") / "run"
    runtime.mkdir(mode=0o700)
    environment = {**os.environ, "SGNET_DAEMON": "1", "XDG_RUNTIME_DIR": str(runtime),
                   "SGNET_DAEMON_IDLE": "120"}
    yield environment, runtime / "sgnet"
    address = runtime / "sgnet" / "daemon.json"
    if address.exists():
        pid = int(json.loads(address.read_text()).get("pid", 0))
        try:
            if pid > 1:
                os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass


def report(env, out, *extra):
    done = subprocess.run([sys.executable, "-c", "from sgnet.cli import main; main()",
                           "report", "--period", "2022Q4", "--pairing", "PR14", "--out",
                           str(out), *extra], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    return done


def _address(folder):
    return json.loads((folder / "daemon.json").read_text(encoding="utf-8"))


def _same_but_date(a, b):
    today = re.compile(r"\d{4}-\d{2}-\d{2}")
    return today.sub("D", a.read_text(encoding="utf-8")) == today.sub(
        "D", b.read_text(encoding="utf-8"))


def test_reports_reuse_one_private_kernel_and_match_a_fresh_one(env, tmp_path):
    environment, folder = env
    report(environment, tmp_path / "a")
    first = _address(folder)
    report(environment, tmp_path / "b")
    assert _address(folder)["pid"] == first["pid"]  # the same daemon served both
    report(environment, tmp_path / "c", "--no-daemon")
    for name in ("PR14.html",):
        assert _same_but_date(tmp_path / "a/2022Q4" / name, tmp_path / "c/2022Q4" / name)
        assert _same_but_date(tmp_path / "b/2022Q4" / name, tmp_path / "c/2022Q4" / name)
    # the user's alone: folder 0700, address file and socket 0600, kernel on loopback
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "daemon.json").stat().st_mode) == 0o600
    assert stat.S_IMODE(os.stat(first["socket"]).st_mode) == 0o600
    kernel = json.loads(open(first["kernel"], encoding="utf-8").read())
    assert kernel["ip"] == "127.0.0.1"
    assert stat.S_IMODE(os.stat(first["kernel"]).st_mode) == 0o600


def test_a_dead_or_stale_daemon_is_replaced_without_a_word(env, tmp_path):
    environment, folder = env
    report(environment, tmp_path / "a")
    old = _address(folder)
    os.kill(old["pid"], signal.SIGKILL)  # crashed
    time.sleep(0.5)
    done = report(environment, tmp_path / "b")
    assert done.stderr.count("error") == 0
    new = _address(folder)
    assert new["pid"] != old["pid"]
    # an address file of another version, or garbage: replaced too
    (folder / "daemon.json").write_text('{"pid": 1, "sgnet": "0.0.0"}', encoding="utf-8")
    report(environment, tmp_path / "c")
    assert _address(folder)["pid"] not in (1, old["pid"])
    os.kill(new["pid"], signal.SIGTERM)


def test_a_data_problem_through_the_daemon_is_one_message(env, tmp_path):
    from conftest import tiny_frames, write_csv_dataset

    environment, _ = env
    frames = tiny_frames()
    frames["activities"].loc[2, "count"] = "二十来个"
    data = write_csv_dataset(tmp_path / "flawed", frames)
    done = subprocess.run([sys.executable, "-c", "from sgnet.cli import main; main()",
                           "report", "--data", str(data), "--period", "2022",
                           "--out", str(tmp_path / "o")], env=environment,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "--allow-rejected" in done.stderr
