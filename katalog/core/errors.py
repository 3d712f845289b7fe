"""Domain errors: raised by services, turned into messages by views and 4xx answers by the API."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain refused the request. `code` is stable; `message` is for people."""

    status_code = 400

    def __init__(self, message: str, *, code: str = "invalid", field_errors: dict | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.code = code
        self.field_errors = field_errors or {}

    def as_dict(self) -> dict:
        data = {"code": self.code, "detail": self.message}
        if self.field_errors:
            data["errors"] = {k: [str(m) for m in v] for k, v in self.field_errors.items()}
        return data


class ValidationFailed(DomainError):
    status_code = 422

    def __init__(self, message: str, *, field_errors: dict | None = None, code: str = "validation_failed"):
        super().__init__(message, code=code, field_errors=field_errors)


class PermissionDeniedError(DomainError):
    status_code = 403

    def __init__(self, message: str, *, code: str = "forbidden"):
        super().__init__(message, code=code)


class NotFoundError(DomainError):
    status_code = 404

    def __init__(self, message: str, *, code: str = "not_found"):
        super().__init__(message, code=code)


class InvalidTransition(DomainError):
    """The object is not in a state that allows this action."""

    status_code = 409

    def __init__(self, message: str, *, code: str = "invalid_transition"):
        super().__init__(message, code=code)


def validation_error_to_domain(exc) -> ValidationFailed:
    """Turn a django ValidationError (from full_clean) into a ValidationFailed with field errors."""
    if hasattr(exc, "message_dict"):
        field_errors = {k: list(v) for k, v in exc.message_dict.items()}
        first = next(iter(field_errors.items()))
        label = "" if first[0] == "__all__" else f"{first[0]}: "
        return ValidationFailed(f"{label}{first[1][0]}", field_errors=field_errors)
    return ValidationFailed("; ".join(str(m) for m in exc.messages))


class AuthenticationFailed(DomainError):
    status_code = 401

    def __init__(self, message: str, *, code: str = "invalid_credentials"):
        super().__init__(message, code=code)
