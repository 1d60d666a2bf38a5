"""The subcommands of `tutor` that print and exit (no textual here: they must start fast)."""


class UsageError(Exception):
    """A command used wrongly: the message says how to use it (exit code 2)."""


def print_json(data: object) -> None:
    """One JSON document on standard output, non-ASCII kept readable, NaN refused."""
    import json

    print(json.dumps(data, ensure_ascii=False, allow_nan=False))
