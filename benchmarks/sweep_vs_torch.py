"""The learning-rate sweep (100 rates × 1000 steps on the chapter's example) against PyTorch.

tutor trains all 100 rates in one vectorised NumPy pass per step. The baseline is what a user
would write with PyTorch: a loop over the rates, each with its own autograd training loop
(`pip install torch==2.13.0`, CPU; torch is never a dependency of tutor). Both run descent on
E = ½(L − 5)² with the biases fixed, and must agree on the final weights. The goal is ≥ 20×.

Run: .venv/bin/python benchmarks/sweep_vs_torch.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from tutor.engine import sweep, sweep_rates
from tutor.engine.training import run
from tutor.lessons import find_lesson

RATES, STEPS = 100, 1000


def tutor_sweep(network, rates):
    return run(network, rates, STEPS, update="descent")


def torch_sweep(rates):
    import torch

    finals = []
    for rate in rates:  # a loop over rates, as a user would write it
        w1 = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
        w2 = torch.tensor(1.5, dtype=torch.float64, requires_grad=True)
        x, b1, b2, target = 2.0, 1.0, 0.5, 5.0
        optimizer = torch.optim.SGD([w1, w2], lr=float(rate))
        for _ in range(STEPS):
            optimizer.zero_grad()
            L = (x * w1 + b1) * w2 + b2
            E = 0.5 * (L - target) ** 2
            E.backward()
            optimizer.step()
        finals.append((w1.item(), w2.item()))
    return np.array(finals)


def timed(function, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    network = find_lesson("chain-rule").network
    rates = sweep_rates([0.1, 0.2], RATES)
    ours, theirs = [], []
    for _ in range(args.repeats):  # interleaved, so both see the same machine load
        t, result = timed(tutor_sweep, network, rates)
        ours.append(t)
        t, reference = timed(torch_sweep, rates)
        theirs.append(t)
    # Same mathematics: the final weights agree wherever the rate converged. (Near the edge of
    # divergence the iteration is chaotic: rounding differences grow over 1000 steps.)
    ok = (result.loss[:, -1] < 1e-12) & np.all(np.isfinite(reference), axis=1)
    np.testing.assert_allclose(result.params["W1"][ok, -1, 0, 0], reference[ok, 0], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(result.params["W2"][ok, -1, 0, 0], reference[ok, 1], rtol=1e-9, atol=1e-12)
    tutor_s, torch_s = statistics.median(ours), statistics.median(theirs)
    print(f"sweep of {RATES} rates × {STEPS} steps on the chapter's example (median of {args.repeats})")
    print(f"  tutor (one vectorised NumPy pass per step): {tutor_s * 1000:8.1f} ms")
    print(f"  PyTorch (a loop over rates, autograd):      {torch_s * 1000:8.1f} ms")
    print(f"  ratio: tutor is {torch_s / tutor_s:.0f}× faster (goal ≥ 20×); {ok.sum()} rates agree to 1e-9")
    redraw, _ = timed(sweep, network, rates, STEPS, "descent")
    print(f"  one redraw of the sweep after a change: {redraw * 1000:.1f} ms")


if __name__ == "__main__":
    main()
