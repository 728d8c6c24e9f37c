"""`Authorization: Bearer <token>` for systems; the browser keeps using its session."""

from django.utils import dateformat, timezone
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from api_access.models import ApiToken
from api_access.services import hash_secret, token_touch
from organisations.access import acts_for_a_party

CREATE_NEW = "Create a new token in the portal under API tokens."


def _day(moment) -> str:
    return dateformat.format(timezone.localtime(moment), "j F Y")


class BearerTokenAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                "The Authorization header must be 'Bearer' followed by a space and the API token."
            )
        try:
            raw = parts[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed("The API token has characters no token contains.") from error
        token = ApiToken.objects.select_related("user").filter(token_hash=hash_secret(raw)).first()
        if token is None:
            raise exceptions.AuthenticationFailed(
                "This API token is not recognised. Check it was copied in full. " + CREATE_NEW
            )
        if token.is_revoked or token.is_expired or not token.user.is_active:
            # Kept on the request so the refusal is logged against the token: its owner can see it is still in use.
            request._request.refused_api_token = token
            if token.is_revoked:
                raise exceptions.AuthenticationFailed(
                    f"This API token was revoked on {_day(token.revoked_at)}. {CREATE_NEW}"
                )
            if token.is_expired:
                raise exceptions.AuthenticationFailed(
                    f"This API token expired on {_day(token.expires_at)}. {CREATE_NEW}"
                )
            raise exceptions.AuthenticationFailed("The account this API token belongs to is no longer active.")
        if not acts_for_a_party(token.user):
            request._request.refused_api_token = token
            raise exceptions.AuthenticationFailed(
                "The owner of this API token no longer works for a council or an ALMO in the portal."
            )
        token_touch(token)
        return token.user, token

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) when no credentials are given, with a hint of what to send.
        return f'{self.keyword} realm="api"'
