#!/usr/bin/env python3
"""Leave-one-batch-out for the safety net: for each development red-flag batch, score a copy of the
knowledge base from which that batch's questions (folded in as training questions and near misses of
safety.red_flags) are removed, at each --safety-certainty given.

    python3 Benchmarks/Safety/leave-one-batch-out.py [BACKTALKD] [CERTAINTY ...]
"""
import glob, json, os, re, shutil, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
backtalkd = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/release/backtalkd")
certainties = sys.argv[2:] or ["0.8", "0.9", "0.95"]
batches = sorted(glob.glob(os.path.join(root, "Tests/Development/red-flags-*.jsonl")))


def key(text):
    """Roughly the daemon's normalisation: lower case, æ/ø/å spelled out, letters and digits only."""
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def without(batch, folder):
    """A copy of the knowledge base in `folder` without `batch`'s questions in safety.yaml's lists."""
    shutil.copytree(os.path.join(root, "Knowledge"), folder)
    left_out = {key(json.loads(line)["text"]) for line in open(batch)}
    path = os.path.join(folder, "safety.yaml")
    lines = open(path).read().split("\n")
    kept = [l for l in lines if not (l.startswith("        - ") and key(l[10:].strip('"')) in left_out
                                     and not re.search(r"\*|\||\s-\S", l[10:]))]
    open(path, "w").write("\n".join(kept))
    return len(lines) - len(kept)


def score(batch):
    with tempfile.TemporaryDirectory() as scratch:
        removed = without(batch, os.path.join(scratch, "kb"))
        rows = []
        for certainty in certainties:
            out = subprocess.run([backtalkd, "eval", "--knowledge", os.path.join(scratch, "kb"), "--safety", batch,
                                  "--safety-certainty", certainty], capture_output=True, text=True, check=True).stdout
            numbers = [int(n) for n in re.findall(r"(\d+) of (\d+)", out)[0] + re.findall(r"(\d+) of (\d+)", out)[1]]
            rows.append((certainty, numbers))
        return os.path.basename(batch), removed, rows


with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
    results = list(pool.map(score, batches))
totals = {c: [0, 0, 0, 0] for c in certainties}
for name, removed, rows in results:
    print(f"{name}: {removed} lines left out of Knowledge/safety.yaml")
    for certainty, (caught, flags, alarms, misses) in rows:
        print(f"  certainty {certainty}: red flags {caught}/{flags}, false alarms {alarms}/{misses}")
        totals[certainty] = [a + b for a, b in zip(totals[certainty], (caught, flags, alarms, misses))]
for certainty, (caught, flags, alarms, misses) in totals.items():
    print(f"all batches, certainty {certainty}: recall {caught}/{flags} = {100 * caught / flags:.1f}%, "
          f"false alarms {alarms}/{misses} = {100 * alarms / misses:.1f}%")
