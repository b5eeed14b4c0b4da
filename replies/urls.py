from django.urls import path

from replies import stand_views, views

app_name = "replies"
urlpatterns = [
    path("find-my-mp/", stand_views.find_riding, name="find_riding"),
    path("<str:token>/", views.answer, name="answer"),
]
