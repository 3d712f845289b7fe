from django.urls import path

from . import views

app_name = "vendors"
urlpatterns = [
    path("daftar/", views.register, name="register"),
    path("", views.dashboard, name="dashboard"),
    path("kurasi/", views.curation_queue, name="curation_queue"),
]
