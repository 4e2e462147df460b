"""The ParallelBenchmark workload in python3 itself: a batch of 8 tasks of work(300_000) over 1, 2 and 4 threads
and over 1, 2 and 4 processes (multiprocessing, fork), the median of 5 batches each, in milliseconds."""
import multiprocessing
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

TASKS = 8
N = 300_000


def work(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def batch(executor_map):
    start = time.perf_counter()
    sum(executor_map(work, [N] * TASKS))
    return (time.perf_counter() - start) * 1000


def main():
    print(f"python {sys.version.split()[0]}: {TASKS} tasks of work({N}) per batch, median of 5 batches")
    for workers in (1, 2, 4):
        with ThreadPoolExecutor(workers) as ex:
            batch(ex.map)
            t = statistics.median(batch(ex.map) for _ in range(5))
        print(f"threads    {workers}: {t:8.1f} ms")
    ctx = multiprocessing.get_context("fork")
    for workers in (1, 2, 4):
        with ctx.Pool(workers) as pool:
            batch(pool.map)
            t = statistics.median(batch(pool.map) for _ in range(5))
        print(f"processes  {workers}: {t:8.1f} ms")


if __name__ == "__main__":
    main()
