from ninja import Router, Schema

from katalog.accounts.tokens import token_issue

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str
    password: str
    name: str = ""


class TokenOut(Schema):
    token: str
    token_type: str = "Bearer"
    username: str


@router.post("/token", response={200: TokenOut}, auth=None, summary="Exchange a username and password for a bearer token")
def create_token(request, payload: TokenIn):
    key, token = token_issue(username=payload.username, password=payload.password, name=payload.name, request=request)
    return {"token": key, "token_type": "Bearer", "username": token.user.get_username()}
