"""Reads the lines the start-up probes print (-Dpyhost.debug.startup=true) over several runs and prints, per phase
in order, the median of the milliseconds it took, then the sum of those medians."""
import statistics
import sys

phases = {}
for line in sys.stdin:
    if not line.startswith("pyhost-startup "):
        continue
    _, _, _, delta, phase = line.split(None, 4)
    phases.setdefault(phase.strip(), []).append(float(delta.strip("(+)")))
total = 0.0
for phase, values in phases.items():
    median = statistics.median(values)
    total += median
    print("%8.1f ms  %s" % (median, phase))
print("%8.1f ms  from the launcher's main to the end (sum of medians); the JVM's own start comes before" % total)
