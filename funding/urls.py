from django.urls import path

from funding import views, views_public

app_name = "funding"

urlpatterns = [
    path("", views.call, name="call"),
    path("funded-projects/", views_public.funded_projects, name="funded_projects"),
    path("funded-projects.json", views_public.funded_projects_json, name="funded_projects_json"),
    path("funded-projects.csv", views_public.funded_projects_csv, name="funded_projects_csv"),
    path("calls/<slug:slug>/", views.call_detail, name="call_detail"),
    path("calls/<slug:slug>/documents/<int:pk>/", views.document, name="document"),
    path("calls/<slug:slug>/apply/", views.start, name="start"),
    path("applications/", views.my_applications, name="my_applications"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("applications/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("applications/<int:pk>/answer/", views.answer, name="answer"),
    path("applications/<int:pk>/pdf/", views.application_pdf, name="application_pdf"),
    path("applications/<int:pk>/decision-letter/", views.decision_letter, name="decision_letter"),
    path("applications/<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
]
