from django.urls import path

from letters import token_views, views

app_name = "letters"
urlpatterns = [
    path("find/<int:page_id>/", views.find, name="find"),
    path("confirm/", token_views.confirm, name="confirm"),
    path("sent/", token_views.sent, name="sent"),
    path("print/", token_views.print_letter, name="print"),
    # An email's link: the token moves into a cookie, then 303 to the page above.
    path("<str:page>/<str:token>/", token_views.open_link, name="link"),
]
