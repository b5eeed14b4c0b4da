# Varnish in front of the Let Us Belong app nodes (docs/deploy.md).
#
# Keeps only what the site itself calls shareable: responses with `Cache-Control: public`
# (anonymous pages and static files), never one with `no-store`, `private`, `no-cache` or a
# cookie, and never for a request carrying a cookie or credentials (a supporter in the middle
# of a letter, an organizer). Letter steps, POSTs and the admin go straight to the app.
#
# `PURGE <path>` from the purgers ACL bans every cached URL under that path, whatever the host:
# the site sends `PURGE /` after every content change (core/frontcache.py), and Wagtail's own
# handlers send a published page's paths. From anywhere else: 405.
#
# What differs from one installation to the next is in nodes.vcl, next to this file or on
# vcl_path: the app nodes (backends and, in vcl_init, a director named `app`) and the `purgers`
# ACL (the addresses of every process that may change content: app nodes, cron), e.g.
#
#     backend node1 { .host = "10.0.0.11"; .port = "8000"; }
#     backend node2 { .host = "10.0.0.12"; .port = "8000"; }
#     sub vcl_init {
#         new app = directors.round_robin();
#         app.add_backend(node1);
#         app.add_backend(node2);
#     }
#     acl purgers { "127.0.0.1"; "10.0.0.11"; "10.0.0.12"; }

vcl 4.1;

import directors;

include "nodes.vcl";

sub vcl_recv {
    set req.backend_hint = app.backend();
    # Only Varnish says that a request is its own fetch (see vcl_backend_fetch).
    unset req.http.X-Shared-Cache-Fetch;

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("req.url ~ ^" + req.url);
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Cookie || req.http.Authorization) {
        return (pass);
    }
    return (hash);
}

sub vcl_backend_fetch {
    # For a fetch whose answer may be kept, the app reads its content version afresh, so a page
    # purged a moment ago is never refilled from an app process's one-second-old copy.
    if (!bereq.uncacheable) {
        set bereq.http.X-Shared-Cache-Fetch = "1";
    }
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(^|,)\s*public\s*(,|$)"
        || beresp.http.Cache-Control ~ "no-store|no-cache|private") {
        # Remember for a while that this URL is not shareable: its requests go straight on.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # While a fresh copy is fetched, a just-expired one may be served for a few seconds.
    set beresp.grace = 10s;
    return (deliver);
}

sub vcl_deliver {
    # X-Cache says what this cache did; the app's own verdict moves to X-Cache-App.
    if (resp.http.X-Cache) {
        set resp.http.X-Cache-App = resp.http.X-Cache;
    }
    if (obj.uncacheable) {
        set resp.http.X-Cache = "BYPASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.Via;
}
