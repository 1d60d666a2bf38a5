"""The subcommands of `tutor` that print and exit (no textual here: they must start fast)."""


class UsageError(Exception):
    """A command used wrongly: the message says how to use it (exit code 2)."""
