"""The authentication backend: Django's model backend, with the user's roles in the same query.

Every request needs the signed-in user and their roles; loading both with one query (a correlated
subquery over the user's groups) instead of two takes a round trip off every API call, and the
roles are still read fresh on every request, so a revoked role takes effect at once. The same query
says whether the user has a confirmed authenticator app (core.middleware.SecondFactorMiddleware
asks on every request) and since when their sessions must be newer (core/sessions.py).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import Aggregate, CharField, DateTimeField, Exists, OuterRef, Subquery
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.compiled import CompiledQuery
from core.models import SignInCutoff
from sso import local_sign_in_allowed


class GroupNames(Aggregate):
    """Comma-joined group names; string_agg on PostgreSQL, group_concat on SQLite."""

    function = "STRING_AGG"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            function="GROUP_CONCAT",
            template="%(function)s(%(expressions)s, ',')",
            **extra,
        )


def with_role_names(queryset):
    names = (
        Group.objects.filter(user=OuterRef("pk"))
        .values("user")
        .annotate(names=GroupNames("name"))
        .values("names")
    )
    return queryset.annotate(
        _role_names=Subquery(names[:1], output_field=CharField()),
        _has_totp=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        _sign_in_cutoff=Subquery(
            SignInCutoff.objects.filter(user=OuterRef("pk")).values("at")[:1],
            output_field=DateTimeField(),
        ),
    )


_USER_WITH_ROLES = CompiledQuery(
    lambda pk: with_role_names(get_user_model()._default_manager).filter(pk=pk)[:1], -7_777_777
)


class RoleLoadingBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        # LOCAL_LOGIN=0: passwords sign in only the break-glass accounts, wherever they are typed
        # (sign-in page, admin site, API token endpoint). Refused like a wrong password.
        if not local_sign_in_allowed(username):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        try:
            pk = get_user_model()._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        user = _USER_WITH_ROLES.first(pk)
        return user if user is not None and self.user_can_authenticate(user) else None
