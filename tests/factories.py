import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from assessments.models import Assessment
from vendors.models import Contact, Offering, Vendor

TEST_PASSWORD = "correct-horse-battery-staple-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            group, _ = Group.objects.get_or_create(name=str(extracted))
            self.groups.add(group)
        self.save()


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vendor

    name = factory.Sequence(lambda n: f"Vendor {n}")
    website = "https://vendor.example"
    country = "Germany"


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering

    vendor = factory.SubFactory(VendorFactory)
    name = factory.Sequence(lambda n: f"Product {n}")
    deployment_model = Offering.Deployment.HYBRID


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    vendor = factory.SubFactory(VendorFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@vendor.example")


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    offering = factory.SubFactory(OfferingFactory)
    requester = factory.SubFactory(UserFactory, role="procurement")


def api_key_for(user, *, name: str = "tests", read_only: bool = False) -> str:
    """A working API token's key for `user`, made the way the account page makes one."""
    from core.tokens.services import api_token_create

    return api_token_create(user=user, name=name, read_only=read_only).key
