"""Front-end routing from each process's snapshot of the page tree, one per content version.

For every front-end request Wagtail finds its page from scratch: the Site for the host, the
active Locale, the site's root page in that language and its specific type, then each child on
the path, fetched twice (the page, then its specific type), and finally the page's view
restrictions with its ancestors: seven or eight queries before the view runs, the same answer
for every visitor until content changes. Every content change bumps the content version
(core.pagecache, core.invalidation; view restrictions included), so this process keeps the
answers under the version it last read (at most a second old, the page cache's promise):

- the Site for a host and port;
- the root page in each language, as its specific type;
- each child by (parent, slug), as its specific type (never a miss: a bad URL costs its query
  and 404s, rather than filling memory);
- each such page's view restrictions (a list, in place of Wagtail's queryset).

`serve` primes Wagtail's own per-request caches (`request._wagtail_site`,
`request._wagtail_route_for_request`) from the snapshot and hands over to `wagtail.views.serve`,
so Wagtail's hooks, restrictions and the page's own `route()`/`serve()` still decide. Pages
whose class overrides `route()` other than Wagtail's own and RoutablePageMixin's are routed by
their own code. The snapshot's page objects are shared by the requests of this process: views
read them, never change them. A page saved in this process without a publish (a draft) drops
the snapshot here (`forget`); in other processes drafts change nothing that is served.
"""

from django.http import Http404
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from core.pagecache import content_version

STANDARD_ROUTES = (Page.route, RoutablePageMixin.route)
MAX_HOSTS = 100


class _Snapshot:
    """This process's answers for one content version."""

    def __init__(self, version):
        self.version = version
        self.sites = {}
        self.roots = {}
        self.children = {}
        self.values = {}


_snapshot = _Snapshot(None)


def current_snapshot():
    """The snapshot of the current content version, or None when it cannot be known."""
    global _snapshot
    version = content_version.current()
    if version is None:
        return None
    if _snapshot.version != version:
        _snapshot = _Snapshot(version)
    return _snapshot


MAX_REMEMBERED = 5000


def remembered(key, compute):
    """`compute()` once per content version in this process, for answers that only content
    changes can change (the MP card's stances and reply figures, a page's translations): the
    same promise as the page cache, at most a second old. Computed afresh when the version
    cannot be known. `key` must name everything the answer depends on (language, host…)."""
    snapshot = current_snapshot()
    if snapshot is None:
        return compute()
    if key not in snapshot.values:
        if len(snapshot.values) >= MAX_REMEMBERED:
            snapshot.values.clear()
        snapshot.values[key] = compute()
    return snapshot.values[key]


def forget(**kwargs):
    """Drop this process's snapshot: a page saved here without a publish (a draft, a factory
    in a test) is routed from the database again. Connected to every page model's post_save."""
    global _snapshot
    _snapshot = _Snapshot(None)


def serve(request, path):
    """Wagtail's front-end view, routed from the snapshot."""
    snapshot = current_snapshot()
    if snapshot is not None and not hasattr(request, "_wagtail_route_for_request"):
        site = _site(snapshot, request)
        request._wagtail_site = site
        try:
            route = _route(snapshot, _root(snapshot, site), request, _components(path))
        except Http404:
            route = None
        request._wagtail_route_for_request = route if site else None
    return wagtail_views.serve(request, path)


def _components(path):
    return [component for component in path.split("/") if component]


def _site(snapshot, request):
    host = (request._get_raw_host(), request.get_port())
    if host not in snapshot.sites:
        if len(snapshot.sites) >= MAX_HOSTS:
            snapshot.sites.clear()
        snapshot.sites[host] = Site._find_for_request(request)
    return snapshot.sites[host]


def _root(snapshot, site):
    if site is None:
        return None
    key = (site.pk, get_language())
    if key not in snapshot.roots:
        snapshot.roots[key] = _remember_restrictions(site.root_page.localized.specific)
    return snapshot.roots[key]


def _route(snapshot, page, request, components):
    """What `page.route(request, components)` answers, with children from the snapshot."""
    if page is None:
        raise Http404
    if components and type(page).route in STANDARD_ROUTES and not _own_route(page, components):
        child = _child(snapshot, page, components[0])
        if child is None:
            raise Http404
        return _route(snapshot, child, request, components[1:])
    return page.route(request, components)


def _own_route(page, components):
    """True when a routable page answers these components itself (as its `route()` would)."""
    if not (isinstance(page, RoutablePageMixin) and page.live):
        return False
    try:
        page.resolve_subpage("/" + "/".join(components) + "/")
    except Http404:
        return False
    return True


def _child(snapshot, parent, slug):
    key = (parent.pk, slug)
    if key not in snapshot.children:
        child = parent.get_children().filter(slug=slug).first()
        if child is None:
            return None  # not remembered: see the module docstring
        child = child.specific
        child._cached_parent_obj = parent  # as Wagtail's own route() does
        snapshot.children[key] = _remember_restrictions(child)
    return snapshot.children[key]


def _remember_restrictions(page):
    """The page's view restrictions (its own and its ancestors'), read once for this version;
    Wagtail's `check_view_restrictions` hook iterates over them at every request."""
    restrictions = list(page.get_view_restrictions())
    page.get_view_restrictions = lambda: restrictions
    return page
