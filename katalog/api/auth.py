"""API authentication: bearer tokens for machines, the session (with CSRF) for people."""

from ninja.security import HttpBearer, SessionAuth

from katalog.accounts.tokens import token_authenticate


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        user = token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class OptionalAuth:
    """For public endpoints: attach the user when a token or session is present, never refuse."""

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            user = token_authenticate(header[7:].strip())
            if user is not None:
                request.user = user
        return True


bearer = BearerToken()
session = SessionAuth()
AUTH = [bearer, session]
