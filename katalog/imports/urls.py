from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:kind>/unggah/", views.upload, name="upload"),
    path("templat/<str:kind>.<str:format>", views.template, name="template"),
    path("<int:job_id>/", views.job_detail, name="job"),
    path("<int:job_id>/kesalahan.csv", views.job_errors_csv, name="job_errors"),
]
