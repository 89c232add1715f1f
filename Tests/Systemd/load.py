#!/usr/bin/python3
"""Closed-loop pipelining load over backtalk's Unix socket that survives restarts.

Each client keeps a window of requests in flight. When its connection breaks (a restart, kill -9), it
reconnects and sends again the requests that got no reply, so every request must end with exactly one
correct reply. Runs until STOP_FILE exists (or DURATION seconds pass), then prints one JSON line:
{"sent", "replies", "wrong", "duplicates", "resent", "reconnects"} and exits 1 if any request was lost,
answered twice or answered wrongly.

usage: load.py SOCKET CLIENTS DURATION [STOP_FILE]
"""
import json, os, socket, sys, threading, time

QUESTIONS = [
    ("how often should I get a massage?", "faq.frequency"),
    ("hvor tit skal jeg have massage?", "faq.frequency"),
    ("hvad er triggerpunktsmassage", "technique.trigger_point"),
    ("my groin feels numb", "safety.red_flags.emergency"),
]
WINDOW = 16

path, clients, duration = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
stop_file = sys.argv[4] if len(sys.argv) > 4 else None
deadline = time.monotonic() + duration
lock = threading.Lock()
totals = {"sent": 0, "replies": 0, "wrong": 0, "duplicates": 0, "resent": 0, "reconnects": 0, "lost": 0}


def stopping():
    return time.monotonic() > deadline or (stop_file and os.path.exists(stop_file))


def connect():
    give_up = time.monotonic() + 60
    while True:
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(30)
            s.connect(path)
            return s
        except OSError:
            s.close()
            if time.monotonic() > give_up:
                raise
            time.sleep(0.05)


def request(rid, text):
    return (json.dumps({"id": rid, "type": "ask", "text": text}) + "\n").encode()


def client(number):
    counts = dict.fromkeys(totals, 0)
    pending = {}  # id -> expected intent, in sending order
    answered = set()
    sequence = 0
    sock = connect()
    buffer = b""
    while True:
        try:
            if not stopping():
                batch = []
                while len(pending) < WINDOW:
                    question, intent = QUESTIONS[sequence % len(QUESTIONS)]
                    rid = f"{number}-{sequence}"
                    sequence += 1
                    pending[rid] = (question, intent)
                    counts["sent"] += 1
                    batch.append(request(rid, question))
                if batch:
                    sock.sendall(b"".join(batch))
            elif not pending:
                break
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionResetError("closed by the daemon")
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                reply = json.loads(line)
                rid = reply.get("id")
                if rid in answered:
                    counts["duplicates"] += 1
                    continue
                if rid not in pending:
                    counts["wrong"] += 1
                    continue
                _, intent = pending.pop(rid)
                answered.add(rid)
                counts["replies"] += 1
                if reply.get("intent") != intent:
                    counts["wrong"] += 1
        except (OSError, ValueError):
            sock.close()
            counts["reconnects"] += 1
            try:
                sock = connect()
            except OSError:
                counts["lost"] += len(pending)
                break
            buffer = b""
            if pending:
                counts["resent"] += len(pending)
                sock.sendall(b"".join(request(rid, q) for rid, (q, _) in pending.items()))
    sock.close()
    with lock:
        for key, value in counts.items():
            totals[key] += value


threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps(totals), flush=True)
ok = totals["replies"] == totals["sent"] and totals["wrong"] == 0 and totals["duplicates"] == 0 and totals["lost"] == 0
sys.exit(0 if ok else 1)
