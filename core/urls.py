from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("pages/<slug:slug>/", views.page_detail, name="page"),
    path("probe/", views.static_probe, name="probe"),
]
