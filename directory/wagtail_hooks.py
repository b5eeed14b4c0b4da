"""Wagtail admin registrations of the MP directory."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from directory.models import MemberOfParliament, Riding
from directory.viewsets import DirectoryViewSetGroup, NeverDeletePolicy

# The MP directory never deletes: see directory/viewsets.py.
register_permission_policy(Riding, NeverDeletePolicy(Riding))
register_permission_policy(MemberOfParliament, NeverDeletePolicy(MemberOfParliament))


@hooks.register("register_admin_viewset")
def register_mp_directory():
    return DirectoryViewSetGroup()
