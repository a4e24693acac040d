from django.urls import path

from events import feeds, views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("past/", views.event_past, name="past"),
    path("calendar.ics", feeds.all_events, name="feed"),
    path("registration/<token:token>/", views.registration_detail, name="registration"),
    path("registration/<token:token>/cancel/", views.registration_cancel, name="cancel"),
    path("registration/<token:token>/feedback/", views.registration_feedback, name="feedback"),
    path("registration/<token:token>/calendar.ics", views.registration_ics, name="registration_ics"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/register/", views.event_register, name="register"),
    path("<slug:slug>/calendar.ics", views.event_ics, name="ics"),
]
