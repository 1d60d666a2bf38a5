"""The `tutor` command: the app, and the subcommands a learner or teacher can script.

`tutor` and `tutor open LESSON` start the Textual app; `tutor serve` serves it to web browsers (the
app runs in a process of its own per tab); every other subcommand prints and exits without
importing textual, so it starts about as fast as NumPy itself. Exit codes: 0 success, 1 a
problem with the data (an invalid lesson, a wrong answer in `check`), 2 a usage error (asking for
the app where standard input or output is not a terminal is one).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from tutor import __version__
from tutor.commands import UsageError
from tutor.commands.completion import SHELLS, lesson_ids, theme_names


def _whole_number(low: int, high: int, what: str = "a number"):
    """An argparse type: a whole number from `low` to `high`."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected {what} from {low} to {high}, got {value}")
        return value

    return parse


_positive_int = _whole_number(1, 100_000)
_port = _whole_number(1, 65535, "a port")


def _rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a learning rate like 0.1, got {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"expected a learning rate greater than 0, got {text!r}")
    return value


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own, given the terminal's width so that it need not import shutil for every argument."""

    def __init__(self, prog: str):
        try:
            width = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size(sys.stdout.fileno()).columns
        except (ValueError, OSError):
            width = 80
        super().__init__(prog, width=max(width - 2, 40))


def _lesson(p: argparse.ArgumentParser) -> None:
    p.add_argument("lesson", metavar="LESSON").completer = lesson_ids


def _practice(p: argparse.ArgumentParser) -> None:
    _lesson(p)
    p.add_argument("--seed", type=int, default=None, metavar="N", help="which variant (default: a new one)")
    p.add_argument("--print", action="store_true", help="print the variant's numbers and questions instead")


def _list(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON")


def _validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="lesson files or folders")


def _solve(p: argparse.ArgumentParser) -> None:
    _lesson(p)
    p.add_argument("--json", action="store_true", help='print {"lesson": ID, "quantities": {NAME: VALUE}}')


def _check(p: argparse.ArgumentParser) -> None:
    _lesson(p)
    p.add_argument("quantity", metavar="QUANTITY", help="a name like dW2, one element like dW2[0,1] (0-based), or a shape like shape(dW2)")
    p.add_argument("answers", nargs="*", metavar="ANSWER",
                   help="numbers or small expressions like 1.5*2, -(5-3.5), 3/4, 2^3, exp(-1)")
    p.add_argument("--json", action="store_true", help="print one JSON verdict per line")


def _replay(p: argparse.ArgumentParser) -> None:
    p.add_argument("lesson", nargs="?", default=None, metavar="LESSON").completer = lesson_ids
    p.add_argument("--lr", dest="rates", type=_rate, action="append", metavar="RATE",
                   help="a learning rate; repeat for several (default: the lesson's)")
    p.add_argument("--steps", type=_positive_int, default=None, metavar="N", help="update steps (default: the lesson's)")
    p.add_argument("--rule", choices=("descent", "output-ascent"), default=None,
                   help="the update rule: descent on the cost, or the chapter's step along ∂L/∂w (default: the lesson's)")
    p.add_argument("--sweep", action="store_true",
                   help="plot the final cost against ~100 learning rates on a log axis instead")
    p.add_argument("--tui", action="store_true",
                   help="open it in the app: predict, step through, compare the rules, sweep")
    p.add_argument("--json", action="store_true", help="print the runs as JSON")


def _progress(p: argparse.ArgumentParser) -> None:
    p.add_argument("--reset", nargs="?", const="", default=None, metavar="LESSON",
                   help="reset one lesson, or everything when no LESSON is given")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument("--json", action="store_true", help="print JSON")


def _completion(p: argparse.ArgumentParser) -> None:
    p.add_argument("shell", choices=SHELLS, metavar="SHELL", help=", ".join(SHELLS))


def _serve(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1",
                   help="the address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0: the network)")
    p.add_argument("--port", type=_port, default=8000, help="the port (default: 8000)")


# Each subcommand: its one-line help, its longer description, and what sets up its arguments.
COMMANDS = {
    "open": ("open the app on one lesson", None, _lesson),
    "practice": ("a lesson's steps on fresh numbers (opens the app)",
                 "The same lesson on fresh numbers a learner can work by hand, reproducible from the seed. "
                 "The variant is also the lesson ID~SEED for solve and check.", _practice),
    "list": ("the course, in order", None, _list),
    "validate": ("check lesson files (default: the course)", None, _validate),
    "solve": ("the worked solution: every quantity with its formula and value", None, _solve),
    "check": ("grade answers to one quantity (answers from stdin if none given)",
              "Grade answers to one quantity of a lesson. Exit 0 when every answer is right, 1 otherwise.", _check),
    "replay": ("replay a learning-rate experiment (default: the chapter's)", None, _replay),
    "progress": ("your progress; --reset to start over", None, _progress),
    "completion": ("print the script that makes SHELL complete tutor's commands and lesson ids",
                   "Print the completion script for SHELL. bash: add  eval \"$(tutor completion bash)\"  to "
                   "~/.bashrc; zsh: the same with zsh, in ~/.zshrc after compinit; fish: "
                   "tutor completion fish > ~/.config/fish/completions/tutor.fish", _completion),
    "serve": ("the app in a web browser: each tab its own tutor",
              "Serve the app as a web page (textual-serve). Each browser tab that opens it runs its own tutor "
              "on this machine, all saving to the same progress file (TUTOR_HOME).", _serve),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The `tutor` command line. With `only`, just that subcommand's arguments are set up.

    argparse looks up translations for every argument it is given, which costs a printing
    subcommand a noticeable part of its start; the others are still named, for usage and help.
    """
    parser = argparse.ArgumentParser(
        prog="tutor", formatter_class=_HelpFormatter,
        description="Learn backpropagation by doing it. With no command, opens the app.",
        epilog="LESSON is a lesson id from `tutor list` or a path to a .toml lesson file.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--theme", metavar="NAME", help="the app's colour theme for this run "
                        "(default: the one last chosen in the app, with ctrl+p, then \"Theme\")"
                        ).completer = theme_names
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (summary, description, arguments) in COMMANDS.items():
        command = sub.add_parser(name, help=summary, description=description, formatter_class=_HelpFormatter)
        if only is None or only == name:
            arguments(command)
    return parser


def _answers_are_not_options(argv: list[str]) -> list[str]:
    """`tutor check L Q -1.5e-3 -(5-3.5)`: answers may start with '-', so they go after '--'.

    Anything starting with '--' stays an option, so a mistyped option is still a usage error.
    """
    if not argv or argv[0] != "check" or "--" in argv:
        return argv
    options = [a for a in argv[1:] if a == "-h" or a.startswith("--")]
    return ["check", *options, "--", *(a for a in argv[1:] if a not in options)]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "_ARGCOMPLETE" in os.environ:  # the shell asks for completions (see tutor.commands.completion)
        from tutor.commands.completion import answer

        answer(build_parser())
    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    args = parser.parse_args(_answers_are_not_options(argv))
    try:
        return _dispatch(args)
    except UsageError as error:
        parser.exit(2, f"tutor{f' {args.command}' if args.command else ''}: {error}\n")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    return 0


def opens_the_app(args: argparse.Namespace) -> bool:
    """Whether the command starts the Textual app (all others print and exit)."""
    return (args.command in (None, "open") or (args.command == "practice" and not args.print)
            or (args.command == "replay" and args.tui))


def check_the_app_can_start(args: argparse.Namespace) -> None:
    """Refuse, before the app starts, what it would only fail at: a UsageError says why."""
    from tutor.catalog import missing_lesson

    lesson = getattr(args, "lesson", None)
    problem = missing_lesson(lesson) if lesson is not None else None
    if problem:
        raise UsageError(f"{lesson!r}: {problem}")
    # The app draws with escape codes: into a pipe or a file they would be written until it is killed.
    # From a pipe or /dev/null it reads no key, not even q. textual-serve (`tutor serve`) runs it on
    # pipes with a driver of its own, and says so in TEXTUAL_DRIVER.
    if not os.environ.get("TEXTUAL_DRIVER"):
        for stream, name, use in ((sys.stdout, "output", "draws on"), (sys.stdin, "input", "reads its keys from")):
            if not stream.isatty():
                raise UsageError(f"standard {name} is not a terminal, and the app {use} one. Run tutor in a "
                                 "terminal; the other commands (tutor list, solve, check, replay, progress) "
                                 "work anywhere.")
    if args.theme is not None:
        from textual.theme import BUILTIN_THEMES  # the app imports textual next anyway

        if args.theme not in BUILTIN_THEMES:
            raise UsageError(f"there is no theme {args.theme!r}; the themes are: {', '.join(BUILTIN_THEMES)}")


def _dispatch(args: argparse.Namespace) -> int:
    if opens_the_app(args):
        check_the_app_can_start(args)
    if args.command in (None, "open"):
        from tutor.ui.app import run  # the only path that imports textual

        return run(getattr(args, "lesson", None), theme=args.theme)
    if args.command == "practice":
        from tutor.commands import practice

        return practice.practice(args)
    if args.command in ("list", "validate"):
        from tutor.commands import course

        return course.list_lessons(args) if args.command == "list" else course.validate(args)
    if args.command in ("solve", "check"):
        from tutor.commands import answers

        return answers.solve(args) if args.command == "solve" else answers.check(args)
    if args.command == "serve":
        from tutor.web.server import serve  # textual-serve and aiohttp: only for this command

        return serve(args.host, args.port)
    if args.command == "replay":
        from tutor.commands import replay

        return replay.replay(args)
    if args.command == "completion":
        from tutor.commands.completion import completion

        return completion(args)
    from tutor.commands import progress

    return progress.progress(args)


if __name__ == "__main__":
    sys.exit(main())
