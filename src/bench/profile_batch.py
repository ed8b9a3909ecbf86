#!/usr/bin/python3
"""Where a one-core batch `classify --in` spends its time: a JFR execution-sample profile of each given jar on the
same items (gen_corpus.py seed 7, ~270-character leads, as speedup.py), pinned to core 0, with the samples bucketed
by stage (read/parse JSON, analysis, n-grams and lookup, scoring, writing, class loading and start-up, GC and JIT
are outside the Java samples). Prints a Markdown table per jar: share of Java samples per stage and the top frames.

    /usr/bin/python3 src/bench/profile_batch.py --jar OLD.jar --jar target/rubrique.jar [--items 100000]

The model is trained on labels/ by the first jar and used by every jar (all read the same model format).
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
import gen_corpus  # noqa: E402

# First matching rule wins, tested against each frame from the top of the stack down; the first frame that matches
# any rule names the stage of the sample.
STAGES = [
    ("write output", ("TaggingLine", "JsonGenerator", "Writer.write", "BufferedWriter", "PrintStream",
                      "FileOutputStream.write", "UTF_8$Encoder", "StreamEncoder")),
    ("score (dot products, calibration)", ("LinearScorer", "WekaScorer", "Calibrat", "Platt", "weka.classifiers")),
    ("char n-grams + dictionary lookup", ("TermExtractor", "FeatureSpace", "NGram", "Dictionary", "HashMap.get",
                                           "Object2Int", "SparseVector")),
    ("analysis (normalise, tokenise, fold, stem)", ("org.apache.lucene", "TextNormalizer", "Normalizer",
                                                    "AccentFold", "Analy", "Token")),
    ("read + parse input", ("SnippetLine", "JsonParser", "ReaderBasedJsonParser", "UTF8StreamJsonParser",
                            "ObjectMapper", "BufferedReader", "InputStreamReader", "FileInputStream", "StreamDecoder",
                            "com.fasterxml.jackson")),
    ("model load + start-up", ("ModelArtifact", "ObjectInputStream", "ClassLoader", "picocli", "Manifest",
                               "MessageDigest", "sun.security", "Hashing")),
]


def stage_of(frames):
    for f in frames:
        for name, keys in STAGES:
            if any(k in f for k in keys):
                return name
    return "other"


def profile(jar, model, items, work):
    jfr = os.path.join(work, f"profile-{abs(hash(os.path.abspath(jar)))}.jfr")
    cmd = ["taskset", "-c", "0", "java", f"-XX:StartFlightRecording=filename={jfr},settings=profile",
           "-jar", jar, "classify", "--model", model, "--in", items, "--out", os.devnull]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", "--stack-depth", "24", jfr],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    stages = collections.Counter()
    tops = collections.Counter()
    for e in events:
        frames = [f["method"]["type"]["name"] + "." + f["method"]["name"]
                  for f in e["values"]["stackTrace"]["frames"]]
        stages[stage_of(frames)] += 1
        if frames:
            tops[frames[0]] += 1
    return len(events), stages, tops


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jar", action="append", required=True)
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--labels", default=os.path.join(benchlib.REPO, "labels", "snippets.jsonl"))
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as work:
        items = os.path.join(work, "items.jsonl")
        benchlib.write_jsonl(items, gen_corpus.generate(benchlib.read_jsonl(a.labels), a.items, seed=7,
                                                        lead_chars=270))
        model = os.path.join(work, "model")
        subprocess.run(["java", "-jar", a.jar[0], "train", "--no-eval", "--labels", a.labels, "--model", model],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=benchlib.REPO)
        print(f"Profile of `taskset -c 0 java -jar JAR classify --in` on {a.items:,} items (gen_corpus.py seed 7, "
              f"270-character leads), JFR `settings=profile` execution samples (Java code only: GC and JIT threads "
              f"are not sampled), command `src/bench/profile_batch.py {' '.join('--jar ' + j for j in a.jar)} "
              f"--items {a.items}`.\n")
        for jar in a.jar:
            n, stages, tops = profile(jar, model, items, work)
            print(f"**{jar}** ({n} samples)\n")
            print("| stage | share of samples |\n|---|---|")
            for name, c in stages.most_common():
                print(f"| {name} | {100.0 * c / max(1, n):.1f}% |")
            print("\nTop frames:\n")
            print("| frame | share |\n|---|---|")
            for f, c in tops.most_common(8):
                print(f"| `{f}` | {100.0 * c / max(1, n):.1f}% |")
            print()


if __name__ == "__main__":
    main()
