from django.urls import path

from replies import views

app_name = "replies"
urlpatterns = [
    path("find-my-mp/", views.find_riding, name="find_riding"),
    path("answer/", views.answer, name="answer"),
    # The follow-up email's link: the token moves into a cookie, then 303 to the answer page.
    path("<str:token>/", views.open_link, name="link"),
]
