"""The JSON lookups, mounted under /<lang>/letters/ beside the letter pages (see the URLconf)."""

from django.urls import path

from directory import views

app_name = "directory"
urlpatterns = [
    path("lookup/", views.lookup_json, name="lookup"),
    path("ridings/", views.ridings_json, name="ridings"),
]
