"""A headless browser for the report: print it to PDF, and look at it as a reader's browser does.

:func:`print_pdf` prints an HTML report to an A4 PDF with headless Chromium. :func:`inspect_page`
opens a page in headless Chromium through the DevTools protocol over a pipe
(``--remote-debugging-pipe``: no port, no websocket, no extra package) and returns what a reader
would get: the rendered text, every request the page made, console errors, the fonts that drew
a given element, and a screenshot. The report's own tests use it to check that the page makes no
request beyond its file, logs no error and draws its Chinese text with a CJK font.

Chromium is Debian's ``chromium`` package (``apt-get install chromium``); without it
:class:`~countycare.report.svg.ReportUnavailableError` says so.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import attrs

from countycare.report.svg import ReportUnavailableError

__all__ = ["PageView", "find_browser", "inspect_page", "print_pdf"]

_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def find_browser() -> str | None:
    """The path of an installed Chromium (or Chrome), or None."""
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _browser() -> str:
    found = find_browser()
    if found is None:
        raise ReportUnavailableError(
            "no headless browser found for the PDF: install Chromium (apt-get install chromium)"
        )
    return found


def _flags(profile: str) -> list[str]:
    flags = [
        "--headless",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    return flags


def print_pdf(html: str | Path, pdf: str | Path, timeout: float = 120.0) -> Path:
    """Print the HTML file ``html`` to the PDF file ``pdf`` (A4, from the page's print CSS)."""
    source, target = Path(html).resolve(), Path(pdf).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="countycare-chromium-") as profile:
        command = [
            _browser(),
            *_flags(profile),
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0 or not target.is_file():
        raise ReportUnavailableError(
            f"the browser could not print {source.name} to PDF: {done.stderr.strip()[-300:]}"
        )
    return target


@attrs.frozen
class PageView:
    """What the browser made of a page."""

    text: str
    requests: tuple[str, ...]
    console_errors: tuple[str, ...]
    fonts: tuple[str, ...]
    screenshot: bytes


class _Pipe:
    """The DevTools protocol over Chromium's pipe: NUL-terminated JSON messages."""

    def __init__(self, command: list[str]) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire() -> None:  # in the child: its fds 3 and 4 are the protocol's pipe
            read, write = os.dup(to_child_r), os.dup(from_child_w)  # above 4: no clobbering
            os.dup2(read, 3, inheritable=True)
            os.dup2(write, 4, inheritable=True)

        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire,  # dup2 only
            pass_fds=(3, 4),  # kept open by the child after wire() (close_fds runs later)
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise ReportUnavailableError("the browser did not answer in time")
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                raise ReportUnavailableError("the browser closed its DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def call(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 60
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise ReportUnavailableError(f"browser: {method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == method for e in self.events):
            self.events.append(self._read(deadline))

    def close(self) -> None:
        with contextlib.suppress(ReportUnavailableError, OSError):
            self.call("Browser.close")
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _console_errors(events: list[dict[str, Any]]) -> list[str]:
    errors = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            errors.append(" ".join(str(a.get("value", "")) for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            errors.append(str(params.get("exceptionDetails", {}).get("text", "exception")))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            errors.append(f"{entry.get('text', '')} {entry.get('url', '')}".strip())
    return errors


def inspect_page(
    html: str | Path, font_selector: str = "body", width: int = 1200, timeout: float = 120.0
) -> PageView:
    """Open the HTML file ``html`` in headless Chromium and report what it rendered.

    ``font_selector`` names the element whose fonts are reported (the platform fonts that drew
    its text). The screenshot is of the whole page, ``width`` CSS pixels wide.
    """
    source = Path(html).resolve()
    with tempfile.TemporaryDirectory(prefix="countycare-chromium-") as profile:
        pipe = _Pipe([_browser(), *_flags(profile), "--remote-debugging-pipe", "about:blank"])
        try:
            target = pipe.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = pipe.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
                "sessionId"
            ]
            for domain in ("Network", "Runtime", "Log", "Page", "DOM", "CSS"):
                pipe.call(f"{domain}.enable", session=session)
            pipe.call(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                session=session,
            )
            pipe.call("Page.navigate", {"url": source.as_uri()}, session=session)
            pipe.wait_for("Page.loadEventFired", timeout)
            text = pipe.call(
                "Runtime.evaluate",
                {"expression": "document.body.innerText", "returnByValue": True},
                session=session,
            )["result"]["value"]
            root = pipe.call("DOM.getDocument", session=session)["root"]["nodeId"]
            node = pipe.call(
                "DOM.querySelector", {"nodeId": root, "selector": font_selector}, session=session
            )["nodeId"]
            fonts = pipe.call("CSS.getPlatformFontsForNode", {"nodeId": node}, session=session)
            shot = pipe.call(
                "Page.captureScreenshot",
                {"format": "png", "captureBeyondViewport": True},
                session=session,
            )
            events = list(pipe.events)
        finally:
            pipe.close()
    requests = [
        e["params"]["request"]["url"]
        for e in events
        if e.get("method") == "Network.requestWillBeSent"
    ]
    return PageView(
        text=str(text),
        requests=tuple(requests),
        console_errors=tuple(_console_errors(events)),
        fonts=tuple(f["familyName"] for f in fonts.get("fonts", [])),
        screenshot=base64.b64decode(shot["data"]),
    )
