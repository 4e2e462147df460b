"""Prints one line of bin/bench's report from a hyperfine JSON export of two commands (PyHost first, python second):
the name, both means with their standard deviations, and the ratio with its uncertainty. With the export of the
'-c pass' pair as a baseline, also the ratio of the two runs net of their start-up (for compute parity).
Usage: ratio.py NAME RUN.json [BASELINE.json]"""
import json
import sys

name, path = sys.argv[1], sys.argv[2]
with open(path) as f:
    pyhost, python = json.load(f)["results"]


def ms(r):
    return "%8.1f ± %5.1f ms" % (r["mean"] * 1000, (r["stddev"] or 0) * 1000)


ratio = pyhost["mean"] / python["mean"]
spread = ratio * (((pyhost["stddev"] or 0) / pyhost["mean"]) ** 2 + ((python["stddev"] or 0) / python["mean"]) ** 2) ** 0.5
net = ""
if len(sys.argv) > 3:
    with open(sys.argv[3]) as f:
        pyhost_start, python_start = json.load(f)["results"]
    net = "   net of start-up %.2fx" % ((pyhost["mean"] - pyhost_start["mean"]) / (python["mean"] - python_start["mean"]))
print("%-28s PyHost %s   python %s   %6.2fx ± %.2f%s" % (name, ms(pyhost), ms(python), ratio, spread, net))
