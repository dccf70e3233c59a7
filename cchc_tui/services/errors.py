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
