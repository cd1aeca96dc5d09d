"""One exception hierarchy; only the CLI turns it into a message and an exit code."""


class DigestError(Exception):
    """A failure the user can fix; str(error) is the message, hint the fix."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint

    def __reduce__(self):
        # Pickled whole (hint included): an error raised in a child process is raised again here.
        return type(self), (str(self), self.hint)


class InputError(DigestError):
    """An unusable input (in strict mode) or an unusable input folder."""

    exit_code = 3


class ConfigError(DigestError):
    """Invalid settings; the message lists every problem at once."""

    exit_code = 2


class PublishError(DigestError):
    """The site could not be written or built; the previous one is left intact."""

    exit_code = 4


class ReadError(Exception):
    """One input file (or item) cannot be used; the reader names the reason.

    Not a DigestError: the folder reader turns it into a skipped-file record, or into an
    InputError under --strict-input.
    """

    def __init__(self, reason: str, kind: str = "unreadable"):
        super().__init__(reason)
        self.reason = reason
        self.kind = kind
