#!/usr/bin/env python3
"""Test-only: runs openssl, keytool, pk12util and NSS's certutil for the tests of gidcert's Windows build under
Wine, on behalf of toolshim.c (see there for the message format).

Usage: toolshim-server.py PORTFILE. Listens on 127.0.0.1 (a free port, written to PORTFILE) until
killed. Only the four tools are run, each with a 120 s deadline.
"""

import socket
import socketserver
import struct
import subprocess
import sys

TOOLS = {"openssl", "keytool", "pk12util", "certutil"}


def recv_exact(sock, n):
    data = bytearray()
    while len(data) < n:
        chunk = sock.recv(min(n - len(data), 65536))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return bytes(data)


def recv_fields(sock):
    (count,) = struct.unpack("<I", recv_exact(sock, 4))
    fields = []
    for _ in range(count):
        (n,) = struct.unpack("<I", recv_exact(sock, 4))
        fields.append(recv_exact(sock, n))
    return fields


def pack(fields):
    out = struct.pack("<I", len(fields))
    for f in fields:
        out += struct.pack("<I", len(f)) + f
    return out


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        fields = recv_fields(self.request)
        tool, cwd, args, stdin = fields[0].decode(), fields[1], fields[2:-1], fields[-1]
        if tool not in TOOLS:
            code, out, err = 127, b"", f"toolshim-server: {tool} is not one of the tools\n".encode()
        else:
            try:
                p = subprocess.run(
                    [tool.encode()] + args,
                    cwd=cwd,
                    input=stdin,
                    capture_output=True,
                    timeout=120,
                )
                code, out, err = p.returncode, p.stdout, p.stderr
            except (OSError, subprocess.TimeoutExpired) as e:
                code, out, err = 126, b"", f"toolshim-server: {e}\n".encode()
        if code < 0:  # killed by a signal
            code = 128 - code
        self.request.sendall(pack([str(code).encode(), out, err]))


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    with Server(("127.0.0.1", 0), Handler) as server:
        with open(sys.argv[1], "w") as f:
            f.write(str(server.server_address[1]))
        server.serve_forever()


if __name__ == "__main__":
    main()
