#!/usr/bin/env python3
"""Test-only: gidcert.exe's guided menu in a console of its own, under Wine.

Usage: console.py pause|no-pause COMMAND...   (in English, or in Japanese when LANG is ja_*)

Runs COMMAND (`wine gidcert.exe`, or `wine cmd /c gidcert.exe`) on a pseudo-terminal. Wine then
gives the program a console (its conhost draws it on the terminal), which the program owns alone
when started directly (GetConsoleProcessList returns 1, as after a double click in Explorer) and
shares with cmd.exe when started through it (as from a command prompt). The script waits for the
menu, chooses its last entry (Quit), and then expects "Press Enter to close this window." and
answers it (`pause`), or expects the program to end without it (`no-pause`). Exit 0 when all
happened as expected and the program exited 0; else 1, with the screen text on stderr.

Wine's console draws text with cursor movements between the characters (a space may be a cursor
step), so the screen text is compared with escape sequences and spaces removed. In Japanese this
also shows that gidcert's console output (UTF-16, WriteConsoleW) reaches the screen intact.
"""

import os
import pty
import re
import select
import sys
import time

ESCAPE = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|[\r\n ]")


def main():
    mode, cmd = sys.argv[1], sys.argv[2:]
    if os.environ.get("LANG", "").startswith("ja"):
        menu, question, press = "6)終了", "番号:", "Enterキーを押すとこのウィンドウを閉じます。"
    else:
        menu, question, press = "6)Quit", "Number:", "PressEntertoclosethiswindow."
    if mode not in ("pause", "no-pause") or not cmd:
        print(__doc__, file=sys.stderr)
        return 2
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    raw = b""

    def text():
        return ESCAPE.sub(b"", raw).decode("utf-8", "replace")

    def read_until(needle, seconds):
        nonlocal raw
        deadline = time.monotonic() + seconds
        while needle is None or needle not in text():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the program and its console are gone
                return needle is None
            if not chunk:
                return needle is None
            raw += chunk
        return True

    def fail(why):
        print(f"console.py: {why}\n--- screen text:\n{text()}", file=sys.stderr)
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        return 1

    # The menu: the last entry's number, then the question.
    if not read_until(menu, 90):
        return fail("no menu")
    if not read_until(question, 10):
        return fail("no question after the menu")
    time.sleep(0.5)
    os.write(fd, b"6\r")
    if mode == "pause":
        if not read_until(press, 30):
            return fail("no 'Press Enter' after Quit")
        time.sleep(0.5)
        os.write(fd, b"\r")
    if not read_until(None, 30):
        return fail("still running after Quit")
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if mode == "no-pause" and press in text():
        return fail("asked for Enter in a shared console")
    if code != 0:
        return fail(f"exit {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
