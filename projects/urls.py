from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("my/", views.my_projects, name="my"),
    path("my/<int:pk>/", views.my_project, name="my_project"),
    path("my/reports/<int:pk>/", views.report, name="report"),
    path("<slug:slug>/", views.project_detail, name="detail"),
]
