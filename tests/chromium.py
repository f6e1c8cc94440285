"""Drive the system's headless Chromium over the DevTools protocol, with the standard library only.

Chromium's ``--remote-debugging-pipe`` speaks the DevTools protocol (JSON messages ended by a
NUL byte) on file descriptors 3 (commands in) and 4 (replies and events out), so no driver, no
websocket client and no browser download is needed. Host names resolve to nothing
(``--host-resolver-rules``), so a page that tries the network fails offline instead of
reaching it, and the attempt is still recorded.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["find_chromium", "Chromium", "PageLog"]

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--remote-debugging-pipe",
)
_LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:", "chrome:", "devtools:")


def find_chromium() -> str | None:
    """The path of a Chromium or Chrome binary on this machine, or None."""
    env = os.environ.get("SGNET_CHROMIUM")
    if env:
        return env
    return next((p for p in map(shutil.which, _CANDIDATES) if p), None)


@dataclass
class PageLog:
    """What a page did while it loaded."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def network(self) -> list[str]:
        """Requests that would leave the machine (anything but file:, data:, about: ...)."""
        return [u for u in self.requests if not u.startswith(_LOCAL_SCHEMES)]


class Chromium:
    """One headless browser; use as a context manager."""

    def __init__(self, binary: str, *, timeout: float = 60.0, env: dict | None = None):
        self.timeout = timeout
        self._profile = tempfile.mkdtemp(prefix="sgnet-chromium-")
        cmd_r, cmd_w = os.pipe()
        out_r, out_w = os.pipe()

        def wire_fds() -> None:  # in the child: commands on fd 3, replies on fd 4
            a, b = os.dup(cmd_r), os.dup(out_w)
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self._proc = subprocess.Popen(
            [binary, *_FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            preexec_fn=wire_fds, close_fds=False,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=env,
        )
        os.close(cmd_r)
        os.close(out_w)
        self._w, self._r = cmd_w, out_r
        self._buf = b""
        self._next = 0
        self._events: list[dict] = []

    # ---------------------------------------------------------------- protocol
    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._r], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._r, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium exited")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """Send a command and return its result; events that arrive meanwhile are kept."""
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._w, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._events.append(reply)

    def _wait_for(self, method: str, session: str) -> None:
        deadline = time.monotonic() + self.timeout
        seen = len(self._events)
        while True:
            for event in self._events[seen:]:
                if event.get("method") == method and event.get("sessionId") == session:
                    return
            seen = len(self._events)
            self._events.append(self._read_message(deadline))

    # ---------------------------------------------------------------- pages
    def open(self, url: str) -> str:
        """Open ``url`` in a new tab, wait for its load event; return the tab's session id."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable", session=session)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                  session=session)
        self._events = [e for e in self._events if e.get("sessionId") != session]
        self.call("Page.navigate", {"url": url}, session=session)
        self._wait_for("Page.loadEventFired", session)
        self.evaluate(session, "new Promise(r => requestAnimationFrame(() => r(1)))")
        return session

    def evaluate(self, session: str, expression: str):
        """The value of a JavaScript expression in the page (promises are awaited)."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, session=session)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def fonts_of(self, session: str, selector: str) -> list[dict]:
        """The fonts that render the text of the first node matching ``selector``
        (``CSS.getPlatformFontsForNode``: familyName, isCustomFont, glyphCount)."""
        self.call("DOM.enable", session=session)
        self.call("CSS.enable", session=session)
        root = self.call("DOM.getDocument", {"depth": -1}, session=session)["root"]["nodeId"]
        node = self.call("DOM.querySelector", {"nodeId": root, "selector": selector},
                         session=session)["nodeId"]
        if not node:
            raise RuntimeError(f"no node matches {selector!r}")
        fonts: list[dict] = []
        children = self.call("DOM.describeNode", {"nodeId": node, "depth": 1},
                             session=session)["node"].get("children", [])
        for child in [c for c in children if c.get("nodeType") == 3] or [{"nodeId": node}]:
            target = child.get("nodeId") or node
            fonts += self.call("CSS.getPlatformFontsForNode", {"nodeId": target},
                               session=session)["fonts"]
        return fonts

    def log(self, session: str) -> PageLog:
        """The requests and errors a tab has produced so far."""
        log = PageLog()
        for event in self._events:
            if event.get("sessionId") != session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent":
                log.requests.append(params["request"]["url"])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error",
                                                                                "assert"):
                log.errors.append(" ".join(str(a.get("value", a.get("description", "")))
                                           for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                log.errors.append(details.get("exception", {}).get("description",
                                                                   details.get("text", "")))
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                entry = params["entry"]
                log.errors.append(f"{entry.get('text', '')} {entry.get('url', '')}".strip())
        return log

    def screenshot(self, session: str, path: Path) -> Path:
        """Save a PNG of the whole page (not only the viewport)."""
        data = self.call("Page.captureScreenshot", {"format": "png",
                                                    "captureBeyondViewport": True},
                         session=session)["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    # ---------------------------------------------------------------- lifetime
    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        for fd in (self._w, self._r):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
