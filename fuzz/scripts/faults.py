#!/usr/bin/env python3
"""Byte-level faults and hostile queries against the real binary (issue 17's rerun).

    fuzz/scripts/faults.py BINARY [TRIALS] [QUERIES]

1. Builds an index in a temp dir, records the answers to a few queries, then
   TRIALS times overwrites 1-512 random bytes of a random index file (segment
   files, meta.json, vocabularies), deletes a file now and then, and checks
   that `search` exits 0 with the pristine answers and that `index --check`
   is clean afterwards. A trial "survives" when all of that holds.
2. Sends QUERIES random hostile queries through one `search --stdin` batch and
   counts lines answered (each must be a JSON object) and panics.
Not run in CI (it takes minutes); fuzz/README.md records its runs.
"""
import json, os, random, shutil, subprocess, sys, tempfile

binary = sys.argv[1]
trials = int(sys.argv[2]) if len(sys.argv) > 2 else 220
queries = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
rng = random.Random(17)
env = {k: v for k, v in os.environ.items() if not k.startswith("FATIAO")}

def run(index, *args, stdin=None):
    return subprocess.run([binary, "--index", index, *args], input=stdin,
                          capture_output=True, env=env, timeout=120)

def answers(index, qs):
    out = []
    for q in qs:
        r = run(index, "search", "--format", "json", "-n", "10", q)
        if r.returncode not in (0, 1):
            return None, r
        hits = json.loads(r.stdout)["hits"]
        out.append([(h["statute_id"], h["article"], h.get("article_suffix", 0)) for h in hits])
    return out, None

tmp = tempfile.mkdtemp()
index = os.path.join(tmp, "index")
assert run(index, "index").returncode == 0
probe = ["散布他人隐私", "\"私人生活安宁\"", "借钱不还", "民法典1032"]
pristine, _ = answers(index, probe)
survived = 0
failures = []
for trial in range(trials):
    current = os.path.join(index, "current")
    files = sorted(f for f in os.listdir(current) if not f.endswith(".lock") and f != "fingerprint")
    name = rng.choice(files)
    path = os.path.join(current, name)
    if rng.random() < 0.05:
        os.remove(path)
        what = f"deleted {name}"
    else:
        data = bytearray(open(path, "rb").read())
        n = rng.randint(1, 512)
        at = rng.randrange(max(1, len(data)))
        for i in range(n):
            if data:
                data[(at + i) % len(data)] = rng.randrange(256)
        open(path, "wb").write(bytes(data))
        what = f"{n} bytes at {at} of {name}"
    got, bad = answers(index, probe)
    check = run(index, "index", "--check")
    if got == pristine and check.returncode == 0:
        survived += 1
    else:
        failures.append((what, bad.stderr[-300:] if bad else got, check.stdout[-200:]))
print(f"byte-level faults: {trials} tried, {survived} survived")
for f in failures[:10]:
    print("  FAILED:", f)

alphabet = list("的了是我你他民法典第条款项之一二三十百千万零〇0123456789《》（）()“”\"'-－:：law 、，。？！") + \
    ["\x00", "\x1b", "\x07", "\u202e", "\ufeff", "\U0001F642", "\\", "*", "~", "^", "[", "]"]
lines = []
for _ in range(queries):
    k = rng.choice([1, 3, 8, 30, 120, 600, 1100])
    lines.append("".join(rng.choice(alphabet) for _ in range(k)).replace("\n", " "))
batch = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
r = run(index, "search", "--stdin", stdin=batch)
answered = 0
for line in r.stdout.decode("utf-8").splitlines():
    json.loads(line)
    answered += 1
panics = r.stderr.count(b"panicked")
print(f"hostile queries: {queries} sent, {answered} answered, {panics} panics, exit {r.returncode}")
shutil.rmtree(tmp)
