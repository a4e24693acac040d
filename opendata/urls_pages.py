from django.urls import path

from opendata import views

app_name = "opendata_pages"

urlpatterns = [
    path("", views.documentation, name="documentation"),
]
