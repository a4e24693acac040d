from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("download/", views.export, name="export"),
    path("erase/", views.erase, name="erase"),
    path("erased/", views.erased, name="erased"),
    path("newsletter/<token:token>/", views.subscriber, name="subscriber"),
    path("newsletter/<token:token>/download/", views.subscriber_export, name="subscriber_export"),
    path("newsletter/<token:token>/erase/", views.subscriber_erase, name="subscriber_erase"),
]
