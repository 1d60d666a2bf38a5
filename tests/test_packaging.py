"""The course (top-level lessons/) reaches the installed package: a wheel carries it as tutor/_course,
where `tutor.catalog.course_dir()` finds it; an editable install and a plain checkout find lessons/.

The wheel test builds a real wheel (`python -m build`, which fetches hatchling from the package index
into an isolated environment) and installs it into a fresh venv. That venv sees the project's
dependencies through a .pth file naming this venv's site-packages: a plain path line in a .pth adds
the directory but does not process that directory's own .pth files, so the editable install of tutor
stays invisible and `import tutor` can only find the wheel.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tutor.catalog import course_dir, read_catalog

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"


def run(*argv, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["TUTOR_HOME"] = str(cwd / "home")
    done = subprocess.run([str(a) for a in argv], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=300, **kwargs)
    assert done.returncode == 0, f"{argv}\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    return done


def course_ids() -> list[str]:
    return [entry.id for entry in read_catalog(LESSONS)]


def fresh_venv(where: Path) -> tuple[Path, Path]:
    """A venv with no tutor in it whose Python can import the project's dependencies."""
    run(sys.executable, "-m", "venv", "--without-pip", where, cwd=where.parent)
    python = where / "bin" / "python"
    purelib = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                       cwd=where.parent).stdout.strip())
    (purelib / "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return python, purelib


def build_wheel(outdir: Path) -> Path:
    outdir.mkdir()
    try:
        run(sys.executable, "-m", "build", "--wheel", "--outdir", outdir, ROOT, cwd=outdir)
    except AssertionError:
        # No package index? hatchling is installed here (the test extra pulls it in with build).
        pytest.importorskip("hatchling")
        run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", outdir, ROOT, cwd=outdir)
    (wheel,) = outdir.glob("backprop_tutor-*.whl")
    return wheel


def test_the_checkout_and_the_editable_install_read_lessons():
    assert course_dir() == LESSONS  # this test run imports tutor from the checkout (editable install)
    assert len(course_ids()) >= 1 and "chain-rule" in course_ids()


def test_wheel_carries_the_course_and_the_installed_tutor_lists_it(tmp_path):
    lesson_names = sorted(p.name for p in LESSONS.glob("*.toml"))
    assert "05-chain-rule.toml" in lesson_names
    wheel = build_wheel(tmp_path / "dist")

    names = zipfile.ZipFile(wheel).namelist()
    assert sorted(n.removeprefix("tutor/_course/") for n in names
                  if n.startswith("tutor/_course/") and n.endswith(".toml")) == lesson_names
    assert "tutor/_course/05-chain-rule.toml" in names
    assert "tutor/catalog.py" in names and "tutor/cli.py" in names
    assert not [n for n in names if n.startswith(("tests/", "lessons/", "benchmarks/"))]

    python, purelib = fresh_venv(tmp_path / "venv")
    # A plain checkout (no install at all): run from the repository, tutor comes from the working tree.
    where = run(python, "-c", "import tutor, tutor.catalog as c; print(tutor.__file__); print(c.course_dir())",
                cwd=ROOT).stdout.splitlines()
    assert Path(where[0]).is_relative_to(ROOT / "tutor") and Path(where[1]) == LESSONS
    # Outside the checkout the package tutor is not importable yet: the editable install does not leak in.
    # (`import tutor` alone may succeed: the editable install left a tutor/_course folder in site-packages,
    # which Python takes for a namespace package; tutor.cli is not in it.)
    leak = subprocess.run([python, "-c", "import tutor.cli"], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert leak.returncode != 0 and "No module named 'tutor.cli'" in leak.stderr, leak.stderr

    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel, cwd=tmp_path)
    where = run(python, "-c", "import tutor, tutor.catalog as c; print(tutor.__file__); print(c.course_dir())",
                cwd=tmp_path).stdout.splitlines()
    assert Path(where[0]).is_relative_to(purelib), where  # the wheel's tutor, not the editable one
    assert Path(where[1]) == purelib / "tutor" / "_course"

    tutor = tmp_path / "venv" / "bin" / "tutor"
    listed = json.loads(run(tutor, "list", "--json", cwd=tmp_path).stdout)
    assert [item["id"] for item in listed] == course_ids()
    for item in listed:
        assert Path(item["file"]).is_relative_to(purelib / "tutor" / "_course")
    plain = run(tutor, "list", cwd=tmp_path).stdout
    for lesson_id in course_ids():
        assert lesson_id in plain
    solved = json.loads(run(tutor, "solve", "chain-rule", "--json", cwd=tmp_path).stdout)
    assert solved["quantities"]["loss"] == pytest.approx(1.125, rel=1e-12)
    assert run(tutor, "validate", cwd=tmp_path).stdout.startswith("ok: ")
