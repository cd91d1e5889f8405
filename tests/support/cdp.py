"""A minimal Chrome DevTools Protocol client over a plain socket (RFC 6455 text frames), for
reading the desktop window's page through Qt WebEngine's remote debugging port: Playwright's
`connect_over_cdp` needs browser-context commands that Qt WebEngine does not offer."""

from __future__ import annotations

import base64
import json
import os
import re
import socket
import struct
from urllib.parse import urlsplit

import requests


class PageError(RuntimeError):
    """The page could not evaluate (it was navigating, for one)."""


class PageSession:
    """One page target; `evaluate(expression)` returns the JSON value of the expression."""

    def __init__(self, debug_port: int, url_prefix: str = "http://127.0.0.1"):
        targets = requests.get(f"http://127.0.0.1:{debug_port}/json", timeout=5).json()
        page = next(t for t in targets if t["type"] == "page" and t["url"].startswith(url_prefix))
        self._open(page["webSocketDebuggerUrl"])

    def _open(self, url: str) -> None:
        address = urlsplit(url)
        self.sock = socket.create_connection((address.hostname, address.port), timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET {address.path} HTTP/1.1\r\nHost: {address.netloc}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        assert b" 101 " in head.split(b"\r\n", 1)[0], head
        self.next_id = 0

    def close(self) -> None:
        self.sock.close()

    def evaluate(self, expression: str):
        self.next_id += 1
        message = {
            "id": self.next_id,
            "method": "Runtime.evaluate",
            "params": {"expression": expression, "returnByValue": True, "awaitPromise": True},
        }
        self._send(json.dumps(message).encode())
        while True:
            answer = json.loads(self._receive())
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise PageError(answer["error"].get("message", "CDP error"))
                result = answer["result"]
                assert "exceptionDetails" not in result, result
                return result["result"].get("value")

    def _send(self, payload: bytes) -> None:
        mask = os.urandom(4)
        length = len(payload)
        if length < 126:
            header = struct.pack("!BB", 0x81, 0x80 | length)
        elif length < 1 << 16:
            header = struct.pack("!BBH", 0x81, 0x80 | 126, length)
        else:
            header = struct.pack("!BBQ", 0x81, 0x80 | 127, length)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def _receive(self) -> bytes:
        message = b""
        while True:
            first, second = self._exactly(2)
            length = second & 0x7F
            if length == 126:
                (length,) = struct.unpack("!H", self._exactly(2))
            elif length == 127:
                (length,) = struct.unpack("!Q", self._exactly(8))
            message += self._exactly(length)
            if first & 0x80:
                return message

    def _exactly(self, count: int) -> bytes:
        data = b""
        while len(data) < count:
            chunk = self.sock.recv(count - len(data))
            if not chunk:
                raise ConnectionError("the page's debugging socket closed")
            data += chunk
        return data


class WebKitPageSession(PageSession):
    """The same `evaluate` through WebKitGTK's remote inspector (the window started with
    `WEBKIT_INSPECTOR_HTTP_SERVER=127.0.0.1:PORT`): WebKit's own protocol, where the page is a
    target inside the inspector connection and promises are awaited by a second command."""

    def __init__(self, inspector_port: int):
        listing = requests.get(f"http://127.0.0.1:{inspector_port}/", timeout=5).text
        path = re.search(r"/socket/\d+/\d+/WebPage", listing)
        assert path, f"no inspectable page: {listing[-300:]}"
        self._open(f"ws://127.0.0.1:{inspector_port}{path.group(0)}")
        self.target = None
        while self.target is None:
            event = json.loads(self._receive())
            if event.get("method") == "Target.targetCreated":
                info = event["params"]["targetInfo"]
                if info.get("type") == "page":
                    self.target = info["targetId"]

    def evaluate(self, expression: str):
        result = self._call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": False, "emulateUserGesture": True},
        )
        remote = result["result"]
        if remote.get("className") == "Promise":
            result = self._call(
                "Runtime.awaitPromise",
                {"promiseObjectId": remote["objectId"], "returnByValue": True},
            )
        elif remote.get("type") == "object" and remote.get("objectId"):
            result = self._call(
                "Runtime.callFunctionOn",
                {
                    "objectId": remote["objectId"],
                    "functionDeclaration": "function () { return this; }",
                    "returnByValue": True,
                },
            )
        assert not result.get("wasThrown"), result
        return result["result"].get("value")

    def _call(self, method: str, params: dict) -> dict:
        self.next_id += 1
        inner = {"id": self.next_id, "method": method, "params": params}
        outer = {
            "id": self.next_id,
            "method": "Target.sendMessageToTarget",
            "params": {"targetId": self.target, "message": json.dumps(inner)},
        }
        self._send(json.dumps(outer).encode())
        while True:
            message = json.loads(self._receive())
            if message.get("method") != "Target.dispatchMessageFromTarget":
                if "error" in message and message.get("id") == self.next_id:
                    raise PageError(message["error"].get("message", "inspector error"))
                continue
            answer = json.loads(message["params"]["message"])
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise PageError(answer["error"].get("message", "inspector error"))
                return answer["result"]
