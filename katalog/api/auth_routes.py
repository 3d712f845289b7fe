import json

from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import ValidationError as PydanticError

from katalog.accounts.tokens import token_issue
from katalog.core.errors import ValidationFailed

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str
    password: str
    name: str = ""


class TokenOut(Schema):
    token: str
    token_type: str = "Bearer"
    username: str


def _credentials(request) -> TokenIn:
    """JSON, as the OpenAPI document says, or an HTML-style form post (curl -d username=...&password=...)."""
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            raise ValidationFailed(_("The request body is not valid JSON."), code="invalid_input") from None
    else:
        data = request.POST.dict()
    if not isinstance(data, dict):
        raise ValidationFailed(_("Send an object with username and password."), code="invalid_input")
    try:
        return TokenIn(**data)
    except PydanticError as exc:
        missing = sorted({str(e["loc"][-1]) for e in exc.errors()})
        raise ValidationFailed(
            _("Send username and password (missing or invalid: %(fields)s).") % {"fields": ", ".join(missing)},
            field_errors={field: [_("This field is required.")] for field in missing},
            code="invalid_input",
        ) from None


@router.post(
    "/token",
    response={200: TokenOut},
    auth=None,
    summary="Exchange a username and password for a bearer token",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": TokenIn.model_json_schema()},
                "application/x-www-form-urlencoded": {"schema": TokenIn.model_json_schema()},
            },
        }
    },
)
def create_token(request):
    payload = _credentials(request)
    key, token = token_issue(username=payload.username, password=payload.password, name=payload.name, request=request)
    return {"token": key, "token_type": "Bearer", "username": token.user.get_username()}
