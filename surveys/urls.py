from django.urls import path

from surveys import views

app_name = "surveys"

urlpatterns = [
    path("answer/<token:token>/", views.answer, name="answer"),
]
