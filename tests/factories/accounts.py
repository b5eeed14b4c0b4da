"""Admin users, each in one of the groups the migrations make (accounts/migrations/0001_groups.py
and the apps' own permission migrations)."""

import factory
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from factory.django import DjangoModelFactory

PASSWORD = "x-12345678-not-used"


class UserFactory(DjangoModelFactory):
    """A user with a password, in `groups` (names) and with `permissions` (codenames)."""

    class Meta:
        model = settings.AUTH_USER_MODEL

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = PASSWORD
    groups = ()
    permissions = ()

    @classmethod
    def _create(cls, model_class, *args, groups=(), permissions=(), **fields):
        user = cls._make_user(model_class, **fields)
        user.groups.add(*(Group.objects.get(name=name) for name in groups))
        user.user_permissions.add(
            *(Permission.objects.get(codename=codename) for codename in permissions)
        )
        return user

    @classmethod
    def _make_user(cls, model_class, **fields):
        return model_class.objects.create_user(**fields)


class EditorFactory(UserFactory):
    """An organizer who edits pages ("Editors")."""

    username = factory.Sequence(lambda n: f"editor{n}")
    groups = ("Editors",)


class TranslatorFactory(UserFactory):
    """A translator ("Translators"): translates, never publishes a source page."""

    username = factory.Sequence(lambda n: f"translator{n}")
    groups = ("Translators",)


class DataStewardFactory(UserFactory):
    """A data steward ("Data stewards"): views, exports and erases supporters' data."""

    username = factory.Sequence(lambda n: f"steward{n}")
    groups = ("Data stewards",)


class SuperuserFactory(UserFactory):
    """A superuser, as `ensure_organizer` makes the first organizer."""

    username = factory.Sequence(lambda n: f"organizer{n}")

    @classmethod
    def _make_user(cls, model_class, **fields):
        return model_class.objects.create_superuser(**fields)
