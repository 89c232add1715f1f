#!/usr/bin/python3
"""Start-up, reload and memory of a release backtalkd, measured from outside (the figures of issue 22).

Prints, each from a fresh daemon on a temporary socket and cache:
- the first start with no model: exec to the first answer, and the training it logged;
- a start from the cached model: exec to the first answer (best and median of five);
- resident memory after the start and a first answer, after one reload and after ten;
- a reload that changes no training question, and one that adds one (in a copied knowledge base);
- a truncated model, a model with one byte flipped, and a model of another format version in the cache:
  the log line each gets, and the first answer after the retraining.

usage: startup.py BACKTALKD KNOWLEDGE_DIR
"""
import json, os, shutil, socket, statistics, subprocess, sys, tempfile, time

daemon_path, knowledge = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp(prefix="bt-startup-")


def ask(path, text, timeout=120):
    """Connects (retrying while the socket is not there yet), asks `text`, returns the reply."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            s = socket.socket(socket.AF_UNIX)
            s.connect(path)
            break
        except OSError:
            s.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.001)
    s.settimeout(timeout)
    s.sendall(json.dumps({"type": "ask", "text": text}).encode() + b"\n")
    data = b""
    while not data.endswith(b"\n"):
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    return json.loads(data)


def request(path, kind):
    s = socket.socket(socket.AF_UNIX)
    s.connect(path)
    s.sendall(json.dumps({"type": kind}).encode() + b"\n")
    data = b""
    while not data.endswith(b"\n"):
        data += s.recv(65536)
    s.close()
    return json.loads(data)


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0


class Daemon:
    def __init__(self, cache, layers=None):
        self.socket = os.path.join(work, f"s{time.monotonic_ns()}.sock")
        self.log = os.path.join(work, f"log{time.monotonic_ns()}.txt")
        args = [daemon_path, "--socket", self.socket, "--cache", cache]
        for layer in layers or [knowledge]:
            args += ["--knowledge", layer]
        self.started = time.monotonic()
        self.process = subprocess.Popen(args, stderr=open(self.log, "w"), stdout=subprocess.DEVNULL)

    def first_answer(self, text="how often should I get a massage?"):
        reply = ask(self.socket, text)
        return time.monotonic() - self.started, reply

    def logged(self):
        return open(self.log).read()

    def stop(self):
        self.process.terminate()
        self.process.wait()


def fresh_cache():
    return tempfile.mkdtemp(dir=work)


def line(label, value):
    print(f"{label:<58} {value}")


try:
    # 1. No model: the first start trains (in a `backtalkd train` child process) and caches.
    cache = fresh_cache()
    d = Daemon(cache)
    seconds, reply = d.first_answer()
    d.stop()
    trained = [l for l in d.logged().splitlines() if "serving on" in l]
    line("first start, no model: exec to first answer", f"{seconds:.2f} s ({reply.get('intent')})")
    line("  its log", trained[0].split("[backtalkd] ")[-1] if trained else "(no start line)")

    # 2. From the cache.
    times = []
    for _ in range(5):
        d = Daemon(cache)
        seconds, _ = d.first_answer()
        times.append(seconds)
        d.stop()
    line("start from the cached model: exec to first answer", f"best {min(times):.3f} s, median {statistics.median(times):.3f} s")

    # 3. Memory and unchanged reloads.
    d = Daemon(cache)
    d.first_answer()
    line("resident after start and a first answer", f"{rss_mb(d.process.pid):.1f} MB")
    reloads = []
    for n in range(1, 11):
        start = time.monotonic()
        reply = request(d.socket, "reload")
        reloads.append(time.monotonic() - start)
        ask(d.socket, "is heat good for my back?")
        if n == 1:
            line("resident after one reload", f"{rss_mb(d.process.pid):.1f} MB")
    line("resident after ten reloads", f"{rss_mb(d.process.pid):.1f} MB")
    line("reload with no training question changed", f"median {statistics.median(reloads) * 1000:.0f} ms ({reply.get('type')})")
    d.stop()

    # 4. A reload that changes the training questions: a copy with one question more.
    copy = os.path.join(work, "knowledge-copy")
    shutil.copytree(knowledge, copy)
    d = Daemon(cache, [copy])
    d.first_answer()
    rss_before = rss_mb(d.process.pid)
    with open(os.path.join(copy, "extra-question.yaml"), "w") as f:
        f.write("training:\n  - intent: faq.frequency\n    questions:\n      en:\n        - how many massages a month is right for a sore back\n      da: []\n")
    start = time.monotonic()
    reply = request(d.socket, "reload")
    changed = time.monotonic() - start
    line("reload with a training question added (trains)", f"{changed:.2f} s ({reply.get('type')}; resident {rss_before:.1f} -> {rss_mb(d.process.pid):.1f} MB)")
    d.stop()

    # 5. Broken models in the cache: one log line each, then a retrain.
    model = [f for f in os.listdir(cache) if f.endswith(".btm")][0]
    good = open(os.path.join(cache, model), "rb").read()
    broken = {
        "truncated": good[: len(good) // 2],
        "one byte flipped": good[: len(good) // 2] + bytes([good[len(good) // 2] ^ 0x40]) + good[len(good) // 2 + 1:],
        # The format version is the little-endian UInt32 after the magic "BTKM".
        "of an older format version": good[:4] + (int.from_bytes(good[4:8], "little") - 1).to_bytes(4, "little") + good[8:],
    }
    for name, content in broken.items():
        case = fresh_cache()
        open(os.path.join(case, model), "wb").write(content)
        d = Daemon(case)
        seconds, reply = d.first_answer()
        d.stop()
        notes = [l.split("] ")[-1] for l in d.logged().splitlines() if "not used" in l]
        line(f"cached model {name}", f"first answer after {seconds:.2f} s ({reply.get('intent')})")
        line("  logged", notes[0] if len(notes) == 1 else f"{len(notes)} lines: {notes}")
finally:
    shutil.rmtree(work, ignore_errors=True)
