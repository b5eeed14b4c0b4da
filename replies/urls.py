from django.urls import path

from replies import views

app_name = "replies"
urlpatterns = [
    path("<str:token>/", views.answer, name="answer"),
]
