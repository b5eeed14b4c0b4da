"""Wagtail admin registrations of the letters app."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from letters import admin_letters
from letters.admin_directory import DirectoryViewSetGroup, NeverDeletePolicy
from letters.models import Letter, MemberOfParliament, Riding

# The MP directory never deletes: see letters/admin_directory.py.
register_permission_policy(Riding, NeverDeletePolicy(Riding))
register_permission_policy(MemberOfParliament, NeverDeletePolicy(MemberOfParliament))
# Letters hold personal data: see letters/admin_letters.py.
register_permission_policy(Letter, admin_letters.LetterPermissionPolicy(Letter))


@hooks.register("register_admin_viewset")
def register_mp_directory():
    return DirectoryViewSetGroup()


@hooks.register("register_admin_viewset")
def register_letters():
    return admin_letters.letter_viewset


@hooks.register("register_admin_urls")
def register_letters_urls():
    return admin_letters.urlpatterns


@hooks.register("register_admin_menu_item")
def register_letters_menu():
    return admin_letters.letters_menu_item()
