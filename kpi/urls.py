from django.urls import path

from kpi import views

app_name = "kpi"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("figures.csv", views.figures_csv, name="figures_csv"),
]
