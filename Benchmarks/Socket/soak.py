#!/usr/bin/python3
"""Soak test: mixed load against a release backtalkd for DURATION seconds (default 600).

Workers: closed-loop askers, pipelining askers, senders of malformed lines (each must get an error and the
connection must then answer), connection churners (connect, ask, close) and slow readers (write a batch,
read it back slowly). RSS of the daemon is sampled every 10 s; after the first minute it must not grow by
more than 10%. Prints the samples and the totals, and exits 1 on a crash, a lost or wrong reply, or growth.

usage: soak.py BACKTALKD KNOWLEDGE_DIR [DURATION]
"""
import json, os, random, socket, subprocess, sys, tempfile, threading, time

daemon_path, knowledge = sys.argv[1], sys.argv[2]
duration = float(sys.argv[3]) if len(sys.argv) > 3 else 600
work = tempfile.mkdtemp()
path = os.path.join(work, "backtalk.sock")
daemon = subprocess.Popen([daemon_path, "--knowledge", knowledge, "--socket", path], stderr=subprocess.DEVNULL)
while not os.path.exists(path):
    if daemon.poll() is not None:
        sys.exit("backtalkd did not start")
    time.sleep(0.05)
time.sleep(0.3)

QUESTIONS = ["how often should I get a massage?", "hvor tit skal jeg have massage?", "hej",
             "what's the weather tomorrow", "my groin feels numb", "hvad er triggerpunktsmassage"]
MALFORMED = [b"not json", b"[1,2]", b'{"type":"sing"}', b'{"type":"ask"}', b'{"type":"ask","text":5}',
             b"\xff\xfe", b'{"type":"ask","text":"a","text":"b"}', b"x" * 20000]
stop = threading.Event()
lock = threading.Lock()
totals = {"asks": 0, "malformed": 0, "churned": 0, "slow": 0, "failures": 0}


def add(key, n=1):
    with lock:
        totals[key] += n


class Conn:
    def __init__(self):
        self.s = socket.socket(socket.AF_UNIX)
        self.s.settimeout(30)
        self.s.connect(path)
        self.buf = b""

    def line(self):
        while b"\n" not in self.buf:
            chunk = self.s.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def ask(self, text, rid):
        self.s.sendall((json.dumps({"id": rid, "type": "ask", "text": text}) + "\n").encode())


def worker(kind):
    n = 0
    while not stop.is_set():
        try:
            if kind == "asker":
                c = Conn()
                while not stop.is_set():
                    n += 1
                    c.ask(random.choice(QUESTIONS), str(n))
                    r = c.line()
                    if r.get("id") != str(n) or r.get("type") == "error":
                        add("failures")
                    add("asks")
            elif kind == "pipeliner":
                c = Conn()
                while not stop.is_set():
                    ids = [str(n + i) for i in range(200)]
                    c.s.sendall(b"".join((json.dumps({"id": i, "type": "ask", "text": random.choice(QUESTIONS)}) + "\n").encode() for i in ids))
                    for i in ids:
                        if c.line().get("id") != i:
                            add("failures")
                    n += 200
                    add("asks", 200)
            elif kind == "malformed":
                c = Conn()
                while not stop.is_set():
                    c.s.sendall(random.choice(MALFORMED) + b"\n")
                    if c.line().get("type") != "error":
                        add("failures")
                    c.ask("hej", "after")
                    if c.line().get("id") != "after":
                        add("failures")
                    add("malformed")
            elif kind == "churner":
                c = Conn()
                c.ask("tak", "c")
                if c.line().get("id") != "c":
                    add("failures")
                c.s.close()
                add("churned")
            elif kind == "slow":
                c = Conn()
                c.s.sendall(b"".join((json.dumps({"id": str(i), "type": "ask", "text": "hej"}) + "\n").encode() for i in range(2000)))
                for i in range(2000):
                    if c.line().get("id") != str(i):
                        add("failures")
                    if i % 100 == 0:
                        time.sleep(0.05)
                c.s.close()
                add("slow")
        except (OSError, ValueError, ConnectionError) as error:
            if not stop.is_set():
                add("failures")
                print("worker", kind, "error:", error, flush=True)
                time.sleep(0.1)


def rss_kib():
    with open(f"/proc/{daemon.pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


kinds = ["asker"] * 2 + ["pipeliner", "malformed", "churner", "slow"]
threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in kinds]
for t in threads:
    t.start()
start = time.monotonic()
samples = []
while time.monotonic() - start < duration:
    time.sleep(10)
    if daemon.poll() is not None:
        break
    samples.append((round(time.monotonic() - start), rss_kib()))
    print(f"t={samples[-1][0]:4d}s rss={samples[-1][1]} KiB {json.dumps(totals)}", flush=True)
stop.set()
for t in threads:
    t.join(timeout=35)
crashed = daemon.poll() is not None
daemon.terminate()
daemon.wait(timeout=30)
after_minute = [rss for t, rss in samples if t >= 60] or [rss for _, rss in samples]
growth = (max(after_minute) - after_minute[0]) / after_minute[0] if after_minute else 0
print(json.dumps({"seconds": round(time.monotonic() - start), "crashed": crashed, "rss_first_kib": samples[0][1] if samples else 0,
                  "rss_after_first_minute_kib": after_minute[0] if after_minute else 0,
                  "rss_max_kib": max(r for _, r in samples) if samples else 0,
                  "growth_after_first_minute": round(growth, 4), **totals}))
sys.exit(1 if crashed or totals["failures"] or growth > 0.10 else 0)
