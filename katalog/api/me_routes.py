"""Who am I: the authenticated person, their platform role and organisations."""

from ninja import Router

from . import selectors, serializers
from .auth import AUTH
from .schemas import ErrorOut, MeOut

router = Router(tags=["me"], auth=AUTH)


@router.get("/me", response={200: MeOut, 401: ErrorOut}, summary="The authenticated user and their roles")
def me(request):
    user = request.auth
    return serializers.me(user, selectors.me_memberships(user))
