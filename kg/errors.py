"""User-facing errors.

Anything raised as a `KgError` is a problem with the user's input or
environment; the CLI prints its message as one line on stderr and exits
non-zero instead of showing a traceback.
"""


class KgError(Exception):
    """An error whose message is meant for the user, not a developer."""

    exit_code = 1
