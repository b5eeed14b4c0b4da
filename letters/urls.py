from django.urls import path

from letters import views

app_name = "letters"
urlpatterns = [
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("sent/<str:token>/", views.sent, name="sent"),
    path("print/<str:token>/", views.print_letter, name="print"),
]
