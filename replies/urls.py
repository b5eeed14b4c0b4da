from django.urls import path

from replies import views

app_name = "replies"
urlpatterns = [
    path("find-my-mp/", views.find_riding, name="find_riding"),
    path("<str:token>/", views.answer, name="answer"),
]
