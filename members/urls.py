from django.urls import path

from members import views

app_name = "members"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("organisations/<int:pk>/", views.profile, name="profile"),
    path("join/", views.join, name="join"),
    path("join/thanks/", views.join_done, name="join_done"),
    path("activate/<token:uidb36>/<token:key>/", views.activate, name="activate"),
    path("invitation/<token:token>/", views.invitation, name="invitation"),
    path("my/", views.my, name="my"),
    path("my/<int:pk>/", views.my_edit, name="my_edit"),
    path("my/<int:pk>/contacts/", views.my_contacts, name="my_contacts"),
    path("my/<int:pk>/contacts/<int:contact_pk>/remove/", views.my_contact_remove, name="my_contact_remove"),
    path("my/<int:pk>/resign/", views.my_resign, name="my_resign"),
]
