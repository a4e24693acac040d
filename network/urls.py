from django.urls import path

from network import feeds, views

app_name = "network"

urlpatterns = [
    path("coordination-group/", views.coordination_group, name="coordination_group"),
    path("working-groups/", views.working_group_list, name="working_group_list"),
    path("working-groups/<slug:slug>/", views.working_group_detail, name="working_group_detail"),
    path("ai-implementations/", views.implementation_list, name="implementation_list"),
    path("ai-implementations/situational-picture/", views.situational_picture, name="situational_picture"),
    path("ai-implementations/<int:pk>/", views.implementation_detail, name="implementation_detail"),
    path("ai-implementations/own/", views.implementation_own_list, name="implementation_own_list"),
    path("ai-implementations/new/", views.implementation_create, name="implementation_create"),
    path("ai-implementations/<int:pk>/edit/", views.implementation_edit, name="implementation_edit"),
    path("ai-implementations/<int:pk>/submit/", views.implementation_submit, name="implementation_submit"),
    path("bulletin-board/", views.notice_list, name="notice_list"),
    path("bulletin-board/feed/", feeds.NoticeFeed(), name="notice_feed"),
    path("bulletin-board/<int:pk>/", views.notice_detail, name="notice_detail"),
]
