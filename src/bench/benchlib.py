"""Shared helpers for the benchmark suite: JSON Lines I/O, French pre-tokenisation for fastText,
measured subprocess runs (/usr/bin/time -v) and tool versions. Standard library only."""

import json
import os
import re
import subprocess
import sys
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# The topic set lives in data: labels/topics.json, {"topics": [{"id", "name", "definition"}, ...]}, in declared
# order. Until that file exists, the four topics the project started with.
FALLBACK_TOPICS = ["digital", "security", "party-congress", "bilateral-relations"]
TOPICS_FILE = os.path.join(REPO, "labels", "topics.json")


def load_topics(path=TOPICS_FILE):
    """Topic ids from labels/topics.json (order as declared), or FALLBACK_TOPICS when the file does not exist."""
    if not os.path.exists(path):
        return list(FALLBACK_TOPICS)
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    ids = [t.get("id") if isinstance(t, dict) else None for t in doc.get("topics") or []]
    if not ids or len(set(ids)) != len(ids) or not all(isinstance(i, str) and i for i in ids):
        raise ValueError(f"{path}: expected {{\"topics\": [{{\"id\": ...}}, ...]}} with distinct non-empty ids")
    return ids


TOPICS = load_topics()

# RUBRIQUE_JAR overrides the jar (e.g. to benchmark another build); default: the one `mvn package` makes here.
JAR = os.environ.get("RUBRIQUE_JAR") or os.path.join(REPO, "target", "rubrique.jar")


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path, rows):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=False))
            f.write("\n")
    os.replace(tmp, path)


def write_json(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def item_text(item):
    """Title and text joined the way every peer sees them: title first, then a full stop, then the text."""
    title = (item.get("title") or "").strip()
    text = (item.get("text") or "").strip()
    return f"{title}. {text}" if title else text


_ELISION = re.compile(r"\b(l|d|qu|j|m|n|s|t|c|jusqu|lorsqu|puisqu)'", re.IGNORECASE)
_PUNCT = re.compile(r"([^\w\s'-]|(?<!\w)-|-(?!\w))")
_SPACES = re.compile(r"\s+")


def fr_tokenise(s):
    """fastText input: lower case, l'/d'/qu' (both ' and ’) split off as their own tokens, punctuation split."""
    s = unicodedata.normalize("NFC", s).replace("\u2019", "'").replace("\u02bc", "'").lower()
    s = _ELISION.sub(lambda m: m.group(1) + "' ", s)
    s = _PUNCT.sub(r" \1 ", s)
    return _SPACES.sub(" ", s).strip()


def parse_time_v(stderr_text):
    """Peak RSS (KiB), user and system CPU seconds from GNU time -v output."""
    out = {}
    for line in stderr_text.splitlines():
        line = line.strip()
        if line.startswith("Maximum resident set size (kbytes):"):
            out["max_rss_kb"] = int(line.rsplit(":", 1)[1])
        elif line.startswith("User time (seconds):"):
            out["user_s"] = float(line.rsplit(":", 1)[1])
        elif line.startswith("System time (seconds):"):
            out["sys_s"] = float(line.rsplit(":", 1)[1])
    return out


def run_measured(cmd, log_path, timeout_s, env=None, stdout_path=None):
    """Runs cmd under /usr/bin/time -v with a wall-clock limit. Never raises for a failing tool: returns a dict with
    status ok|failed|timeout, wall_s, max_rss_kb, cpu_s, rc, and the tail of stderr on failure."""
    full = ["/usr/bin/time", "-v"] + [str(c) for c in cmd]
    merged_env = dict(os.environ)
    if env:
        merged_env.update(env)
    t0 = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as err, \
            (open(stdout_path, "w", encoding="utf-8") if stdout_path else open(os.devnull, "w")) as out:
        err.write("$ " + " ".join(full) + "\n")
        err.flush()
        p = subprocess.Popen(full, stdout=out, stderr=err, env=merged_env, start_new_session=True)
        try:
            rc = p.wait(timeout=timeout_s)
            status = "ok" if rc == 0 else "failed"
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, 9)
            p.wait()
            rc, status = None, "timeout"
    wall = time.monotonic() - t0
    with open(log_path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    res = {"status": status, "rc": rc, "wall_s": round(wall, 3), "command": " ".join(str(c) for c in cmd)}
    tv = parse_time_v(text)
    if "max_rss_kb" in tv:
        res["max_rss_mb"] = round(tv["max_rss_kb"] / 1024, 1)
    if "user_s" in tv:
        res["cpu_s"] = round(tv["user_s"] + tv.get("sys_s", 0.0), 2)
    if status != "ok":
        noise = ("$ ", "Picked up JAVA_TOOL_OPTIONS", "Command exited with non-zero status", "Command terminated")
        tail = [l for l in text.splitlines() if not l.startswith("\t") and l.strip() and not l.startswith(noise)]
        res["error"] = " | ".join(tail[-4:])[-500:]
        if status == "timeout":
            res["error"] = f"exceeded the {timeout_s:.0f} s limit"
    return res


def rubrique_available(jar=JAR):
    """(True, '') when the jar exists and `train --help` works, else (False, reason)."""
    if not os.path.exists(jar):
        return False, f"{jar} not found"
    try:
        p = subprocess.run(["java", "-jar", jar, "train", "--help"], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        return False, f"`java -jar {jar} train --help` could not run: {e}"
    if p.returncode != 0:
        return False, f"`java -jar {jar} train --help` exited {p.returncode}: {(p.stderr or p.stdout).strip()[-300:]}"
    return True, ""


def rubrique_cmd(*args):
    return ["java", "-jar", JAR] + [str(a) for a in args]


def default_config():
    return os.path.join(REPO, "experiments", "default.json")


def fasttext_bin():
    return "/usr/bin/fasttext"


def py():
    return "/usr/bin/python3"
