"""Open data pages and files, mounted at /open-data/ (config/urls.py). Public: no login."""

from django.urls import path, re_path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("ocds/", views.ocds_index, name="ocds_index"),
    re_path(r"^ocds/(?P<year>[0-9]{4})-(?P<month>[0-9]{2})\.json$", views.month_package, name="month_package"),
    path("ocds/extension/codelists/<str:name>", views.extension_codelist, name="extension_codelist"),
    path("ocds/extension/<str:name>", views.extension_file, name="extension_file"),
]
