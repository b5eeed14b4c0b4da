"""Wagtail admin registrations of the letters app."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from letters.admin_directory import DirectoryViewSetGroup, NeverDeletePolicy
from letters.models import MemberOfParliament, Riding

# The MP directory never deletes: see letters/admin_directory.py.
register_permission_policy(Riding, NeverDeletePolicy(Riding))
register_permission_policy(MemberOfParliament, NeverDeletePolicy(MemberOfParliament))


@hooks.register("register_admin_viewset")
def register_mp_directory():
    return DirectoryViewSetGroup()
