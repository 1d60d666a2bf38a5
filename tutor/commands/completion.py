"""Shell completion through argcomplete: `tutor completion SHELL` prints the script a shell sources,
and that script asks `tutor` itself, with _ARGCOMPLETE set, what may follow (`answer`).

argcomplete is imported only in those two cases, so no other start of `tutor` pays for it.
"""

from __future__ import annotations

import argparse

SHELLS = ("bash", "zsh", "fish")


def completion(args: argparse.Namespace) -> int:
    import argcomplete

    print(argcomplete.shellcode(["tutor"], shell=args.shell), end="")
    return 0


def answer(parser: argparse.ArgumentParser) -> None:
    """Tell the shell the completions of the command line it is editing, then exit."""
    import argcomplete

    argcomplete.autocomplete(parser)


def lesson_ids(**_) -> list[str]:
    """What LESSON can be: the course's ids (read from the lesson files' first lines, no NumPy)."""
    from tutor.catalog import read_catalog

    return [entry.id for entry in read_catalog()]


def theme_names(**_) -> list[str]:
    """What --theme can be: Textual's themes (Textual is imported, only when a shell asks)."""
    from textual.theme import BUILTIN_THEMES

    return list(BUILTIN_THEMES)
