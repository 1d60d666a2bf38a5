"""Break the engine on purpose, one way at a time, and show that the tests catch each break.

Each mutation edits one line of a copy of the repository (dropping σ′, flipping a sign, skipping a
transpose, averaging twice, …), runs the engine, grading and course tests on the copy, and reports
how many failed. A mutation no test catches is a hole in the tests. Opt-in, not part of CI:

    .venv/bin/python benchmarks/engine_mutations.py [--tests tests/engine tests/grading ...]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BACKPROP = "tutor/engine/backprop.py"

# (what is broken, file, the exact text, what it becomes)
MUTATIONS = [
    ("drop σ′ in the backward pass", BACKPROP,
     "return upstream * activation(activation_name).derivative(z)", "return upstream"),
    ("flip the sign of ∂C/∂a", BACKPROP, "return output - targets", "return targets - output"),
    ("skip the transpose when sending δ back", BACKPROP, "return delta @ weights",
     "return delta @ (np.swapaxes(weights, -1, -2) if weights.shape[-1] == weights.shape[-2] else weights)"),
    ("average the weight gradient twice", BACKPROP,
     "return np.swapaxes(delta, -1, -2) @ a_previous / delta.shape[-2]",
     "return np.swapaxes(delta, -1, -2) @ a_previous / delta.shape[-2] ** 2"),
    ("sum the bias gradient instead of averaging", BACKPROP,
     "return delta.sum(axis=-2) / delta.shape[-2]", "return delta.sum(axis=-2)"),
    ("leave the bias out of z", BACKPROP,
     "return a_previous @ np.swapaxes(weights, -1, -2) + biases[..., None, :]",
     "return a_previous @ np.swapaxes(weights, -1, -2)"),
    ("step up the gradient instead of down", BACKPROP,
     "return parameter - learning_rate * gradient", "return parameter + learning_rate * gradient"),
    ("forget the ½ of the cost", BACKPROP,
     "return np.sum((targets - output) ** 2, axis=(-2, -1)) / (2 * output.shape[-2])",
     "return np.sum((targets - output) ** 2, axis=(-2, -1)) / output.shape[-2]"),
    ("take σ′ from the sigmoid itself", "tutor/engine/activations.py",
     "    return s * (1.0 - s)", "    return s"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", nargs="*", default=["tests/engine", "tests/grading", "tests/test_course.py",
                                                       "tests/test_cli.py"])
    args = parser.parse_args()
    escaped = 0
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "repo"
        shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", ".hypothesis"))
        for what, file, text, broken in MUTATIONS:
            path = copy / file
            original = path.read_text(encoding="utf-8")
            if text not in original:
                print(f"?? {what}: the line to break was not found in {file}")
                escaped += 1
                continue
            path.write_text(original.replace(text, broken, 1), encoding="utf-8")
            done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *args.tests],
                                  cwd=copy, capture_output=True, text=True, env={"PYTHONPATH": str(copy), "PATH": ""})
            path.write_text(original, encoding="utf-8")
            summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-200:]
            caught = done.returncode != 0
            first = next((line for line in done.stdout.splitlines() if line.startswith("FAILED")), "")
            print(f"{'caught ' if caught else 'MISSED '} {what}: {summary}")
            if first:
                print(f"         first: {first[7:][:110]}")
            escaped += not caught
    print(f"\n{len(MUTATIONS) - escaped} of {len(MUTATIONS)} mutations caught")
    return 1 if escaped else 0


if __name__ == "__main__":
    sys.exit(main())
