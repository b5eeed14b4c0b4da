from django.urls import path

from letters import views, views_lookup

app_name = "letters"
urlpatterns = [
    path("lookup/", views_lookup.lookup_json, name="lookup"),
    path("ridings/", views_lookup.ridings_json, name="ridings"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("sent/<str:token>/", views.sent, name="sent"),
    path("print/<str:token>/", views.print_letter, name="print"),
]
