"""Red flags for the curators (included from config/urls.py at kurasi/peringatan/)."""

from django.urls import path

from . import views

app_name = "redflags"

urlpatterns: list = [
    path("", views.flag_list, name="list"),
    path("unduh.xlsx", views.export_xlsx, name="export_xlsx"),
    path("unduh.csv", views.export_csv, name="export_csv"),
    path("<int:pk>/", views.flag_detail, name="detail"),
    path("<int:pk>/abaikan/", views.flag_dismiss, name="dismiss"),
]
