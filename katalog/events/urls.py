"""Pages of matching events (temu bisnis), their schedules, commitments and reports; included from config/urls.py."""

from django.urls import path

from . import commitment_views, schedule_views, views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("baru/", views.event_create, name="event_create"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/ubah/", views.event_edit, name="event_edit"),
    path("<int:pk>/status/", views.event_status, name="event_status"),
    path("<int:pk>/daftar/", views.register, name="register"),
    path("<int:pk>/peserta/<int:registration_id>/hapus/", views.registration_cancel, name="registration_cancel"),
    path("<int:pk>/undang/", views.invite, name="invite"),
    path("<int:pk>/jadwal/", schedule_views.schedule, name="schedule"),
    path("<int:pk>/jadwal/susun/", schedule_views.schedule_run, name="schedule_run"),
    path("<int:pk>/jadwal/tambah/", schedule_views.meeting_add, name="meeting_add"),
    path("<int:pk>/jadwal/pertemuan/<int:meeting_id>/", schedule_views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/jadwal/pertemuan/<int:meeting_id>/kunci/", schedule_views.meeting_pin, name="meeting_pin"),
    path("<int:pk>/jadwal/pertemuan/<int:meeting_id>/hapus/", schedule_views.meeting_remove, name="meeting_remove"),
    path("<int:pk>/jadwal/cetak/<str:by>/", schedule_views.schedule_print, name="schedule_print"),
    path("<int:pk>/jadwal-saya/", schedule_views.my_schedule, name="my_schedule"),
    path("<int:pk>/laporan/", commitment_views.event_report, name="report"),
    path("<int:pk>/laporan.xlsx", commitment_views.event_report_xlsx, name="report_xlsx"),
    path("komitmen/", commitment_views.commitment_list, name="commitment_list"),
    path("komitmen/baru/", commitment_views.commitment_create, name="commitment_create"),
    path("komitmen/<int:pk>/", commitment_views.commitment_detail, name="commitment_detail"),
    path("komitmen/<int:pk>/tautkan/", commitment_views.commitment_link, name="commitment_link"),
    path("komitmen/<int:pk>/lepas/<int:order_id>/", commitment_views.commitment_unlink, name="commitment_unlink"),
    path("komitmen/<int:pk>/batal/", commitment_views.commitment_cancel, name="commitment_cancel"),
]
