from django.urls import path

from letters import views_lookup

app_name = "letters"
urlpatterns = [
    path("lookup/", views_lookup.lookup_json, name="lookup"),
    path("ridings/", views_lookup.ridings_json, name="ridings"),
]
