from django.urls import path
from django.utils.translation import pgettext_lazy

from search import views

app_name = "search"

urlpatterns = [
    # Translated: /fi/haku/, /sv/sok/, /en/search/.
    path(pgettext_lazy("URL path", "search/"), views.search, name="search"),
]
