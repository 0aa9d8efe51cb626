#!/usr/bin/env python3
"""HCC Webhooks: a webhook receiver, Python 3 standard library only. What it does and why: docs/receivers.md.

    HCC_RECEIVER_SECRET=whsec_... python3 scripts/receiver/receiver.py [PORT]

Listens on 127.0.0.1, port PORT, else HCC_RECEIVER_PORT, else 9000. Each request: the Standard Webhooks
signature is checked with the webhook's signing secret (401 when it does not match), a webhook-id seen before
is answered 200 and not processed again, and one block is printed per delivery.
"""
import base64
import binascii
import hashlib
import hmac
import json
import os
import sys
import threading
import time
from collections import OrderedDict
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE_SECONDS = 5 * 60
REMEMBERED_IDS = 10_000
EVENTS = {"call.created", "call.ended", "call.saved", "lead.reg_f_blocked"}

seen = OrderedDict()  # the webhook-ids already processed, oldest first; past REMEMBERED_IDS the oldest goes
lock = threading.Lock()  # one request at a time through de-duplication and printing, so blocks never mix
key = None


def signing_key(secret):
    """The HMAC key: the base64 after "whsec_" in the webhook's signing secret."""
    return base64.b64decode(secret.strip().removeprefix("whsec_"), validate=True)


def verify(key, webhook_id, timestamp, signatures, body):
    """Standard Webhooks: webhook-signature holds one or more "v1,<base64 HMAC-SHA256>" separated by spaces (two
    while a secret is being rotated), each over "<webhook-id>.<webhook-timestamp>.<body>"; one match is enough.
    Returns None when the request is genuine, else why it is not."""
    if not webhook_id or not timestamp or not signatures:
        return "missing webhook-id, webhook-timestamp or webhook-signature"
    try:
        sent = int(timestamp)
    except ValueError:
        return "webhook-timestamp is not a number"
    if abs(time.time() - sent) > TOLERANCE_SECONDS:
        return "webhook-timestamp is more than 5 minutes from now (a replay, or a clock that is off)"
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest())
    for signature in signatures.split(" "):
        version, _, value = signature.partition(",")
        if version == "v1" and hmac.compare_digest(value.encode(), expected):  # constant time
            return None
    return "no v1 signature matches the secret"


def event(path):
    """The product sends no event header: a webhook carries one event, so give each its own path."""
    last = path.rsplit("/", 1)[-1]
    if last in EVENTS:
        return last + " (from the URL path)"
    return "? (not sent in the request: give each webhook its own path, e.g. /hooks/call.created)"


def pretty(text):
    """JSON laid out one value a line, or the text as it is when it is not JSON."""
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except ValueError:
        return text


class Handler(BaseHTTPRequestHandler):
    # HTTP/1.1 keeps the connection for the next delivery (every answer has a Content-Length); the default,
    # HTTP/1.0, closes it after each answer, and a client that kept it finds that out only on its next request
    protocol_version = "HTTP/1.1"

    def handle_one(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        webhook_id = self.headers.get("webhook-id")
        path = self.path.split("?", 1)[0]
        with lock:
            out = [f"=== {self.command} {self.path}  ({datetime.now(timezone.utc).isoformat()})",
                   f"webhook-id:        {webhook_id or '(none)'}",
                   f"webhook-timestamp: {self.headers.get('webhook-timestamp') or '(none)'}",
                   f"event:             {event(path)}"]
            status = 200
            problem = verify(key, webhook_id, self.headers.get("webhook-timestamp"),
                             self.headers.get("webhook-signature"), body) if key else None
            if problem:
                out.append(f"signature INVALID: {problem}")
                status = 401
            else:
                out.append("signature OK" if key else "signature NOT CHECKED (no HCC_RECEIVER_SECRET)")
                if webhook_id and webhook_id in seen:
                    out.append(f"DUPLICATE of {webhook_id}, first processed at {seen[webhook_id]}:"
                               " answered 200, not processed again")
                else:
                    if webhook_id:
                        seen[webhook_id] = datetime.now(timezone.utc).isoformat()
                        if len(seen) > REMEMBERED_IDS:
                            seen.popitem(last=False)
                    # the work would go here, or better, into a queue: answer first, process afterwards
                    out.append(pretty(body.decode("utf-8", errors="replace")) if body else "(no body)")
            out.append(f"-> {status}")
            print("\n".join(out), flush=True)
        answer = b'{"ok":true}' if status == 200 else b'{"error":"invalid signature"}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    do_POST = do_PUT = do_PATCH = do_GET = do_DELETE = handle_one

    def log_message(self, format, *args):
        pass  # the block above says it all


def main():
    global key
    port = int(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("HCC_RECEIVER_PORT") or 9000)
    secret = os.environ.get("HCC_RECEIVER_SECRET", "")
    if secret.strip():
        try:
            key = signing_key(secret)
            if not key:
                raise binascii.Error("no key after whsec_")
        except binascii.Error as e:
            print(f"HCC_RECEIVER_SECRET is not a signing secret (whsec_ and base64): {e}", file=sys.stderr)
            sys.exit(2)
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"HCC receiver (Python) listening on http://127.0.0.1:{port}/")
    print(f"  target URL for a webhook, one path per event: http://127.0.0.1:{port}/hooks/call.created")
    print("  (the product must allow loopback targets: HCC_DELIVERY_ALLOWED_NETWORKS=127.0.0.0/8)")
    if key is None:
        print("WARNING: HCC_RECEIVER_SECRET is not set: signatures are NOT checked, anyone can post here."
              " Set it to the webhook's signing secret (whsec_...).")
    else:
        print("  signatures checked with HCC_RECEIVER_SECRET, webhook-timestamp within 5 minutes of now")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
