#!/usr/bin/env python3
"""A flame summary of a JDK Flight Recording, as text (docs/performance.md):

    python3 scripts/jfr-summary.py recording.jfr [TOP]

Reads the CPU samples (jdk.ExecutionSample) with `jfr print` and prints three tables: the methods the CPU was in
(self), the first frame of this product's code on each sample's stack (what of ours the time was spent for), and the
broad area of each sample (JDBC/MariaDB driver, EclipseLink, HTTP client, JMS/ActiveMQ, JSON, crypto, ours, JDK, other).
"""
import collections
import re
import subprocess
import sys

AREAS = [
    ("MariaDB driver", ("org.mariadb.",)),
    ("EclipseLink", ("org.eclipse.persistence.",)),
    ("HTTP client (JDK)", ("jdk.internal.net.http.", "java.net.http.")),
    ("JMS / ActiveMQ", ("org.apache.activemq.", "org.fusesource.")),
    ("JSON", ("org.eclipse.parsson.", "org.glassfish.json.", "jakarta.json.")),
    ("crypto / signing", ("javax.crypto.", "sun.security.", "com.sun.crypto.")),
    ("Payara / EJB / CDI / JTA", ("com.sun.ejb.", "org.jboss.weld.", "com.sun.enterprise.", "org.glassfish.",
                                  "fish.payara.", "com.sun.jts.", "com.sun.gjc.")),
    ("product (com.hcc)", ("com.hcc.",)),
    ("JDK", ("java.", "jdk.", "sun.")),
]


def area(frames):
    """The area of a sample: the first frame (from the top) that belongs to a named library, else the top frame's."""
    for f in frames:
        for name, prefixes in AREAS[:-1]:
            if f.startswith(prefixes):
                return name
    if frames and frames[0].startswith(AREAS[-1][1]):
        return "JDK"
    return "other"


def samples(path):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", path],
                         check=True, capture_output=True, text=True).stdout
    frames, inside = [], False
    for line in out.splitlines():
        s = line.strip()
        if s.startswith("stackTrace = ["):
            frames, inside = [], True
        elif inside and s.startswith("]"):
            inside = False
            yield frames
        elif inside and s and s != "...":
            frames.append(re.sub(r"\s+line:.*$", "", s))


def table(title, counter, total, top):
    print(f"| {title} | samples | share |")
    print("|---|---:|---:|")
    for name, n in counter.most_common(top):
        print(f"| `{name}` | {n} | {100.0 * n / total:.1f}% |")
    print()


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    self_time, ours, areas = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for frames in samples(path):
        if not frames:
            continue
        total += 1
        self_time[frames[0]] += 1
        areas[area(frames)] += 1
        mine = next((f for f in frames if f.startswith("com.hcc.")), None)
        ours[mine or "(none: container, broker client or JDK threads)"] += 1
    print(f"{total} CPU samples in {path}")
    print()
    table("area", areas, total, top)
    table("first product frame on the stack", ours, total, top)
    table("method the CPU was in (self)", self_time, total, top)


if __name__ == "__main__":
    main()
