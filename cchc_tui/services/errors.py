"""The error every service raises for bad input: one Vietnamese sentence, nothing written."""


class ServiceError(ValueError):
    """Input the program refuses; `str(exc)` says what is wrong and what is accepted."""

    def __init__(
        self, message: str, *, field_errors: dict[str, str] | None = None, code: str = ""
    ) -> None:
        super().__init__(message)
        self.field_errors = field_errors or {}
        self.code = code
        """A stable id where a screen words the remedy its own way (e.g. `wrong_passphrase`)."""


class NotWrittenError(Exception):
    """A file the program made could not be written (the cause is chained): a fault of the
    machine, not of the input. `kept` says, in one sentence, what is safe and how to finish."""

    def __init__(self, path: object, kept: str) -> None:
        super().__init__(f"{path}: {kept}")
        self.path = path
        self.kept = kept
