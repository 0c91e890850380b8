"""DRF's plain-text tokens become named, hashed ApiTokens with the default lifetime, so scripts
that hold one keep working; the plain-text copies are deleted."""

import datetime
import hashlib

from django.conf import settings
from django.db import migrations
from django.utils import timezone

NAME = "Made before tokens had names"


def convert(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    ApiToken = apps.get_model("core", "ApiToken")
    expires = timezone.now() + datetime.timedelta(days=settings.API_TOKEN_DEFAULT_DAYS)
    for old in Token.objects.all().iterator():
        ApiToken.objects.create(
            user_id=old.user_id,
            name=NAME,
            prefix=old.key[:8],
            key_hash=hashlib.sha256(old.key.encode()).hexdigest(),
            expires_at=expires,
        )
    Token.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_api_tokens_and_sign_in_cutoff"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [migrations.RunPython(convert, migrations.RunPython.noop)]
