from django.urls import path

from . import curation_views, views

app_name = "vendors"
urlpatterns = [
    path("daftar/", views.register, name="register"),
    path("", views.dashboard, name="dashboard"),
    path("profil/", views.profile_edit, name="profile_edit"),
    path("ajukan/", views.submit, name="submit"),
    path("dokumen/tambah/", views.document_add, name="document_add"),
    path("dokumen/<int:pk>/hapus/", views.document_delete, name="document_delete"),
    path("dokumen/<int:pk>/berkas/", views.document_file, name="document_file"),
    path("kurasi/", curation_views.curation_queue, name="curation_queue"),
    path("kurasi/penyedia/", curation_views.curation_vendor_list, name="curation_vendor_list"),
    path("kurasi/penyedia/<str:code>/", curation_views.curation_vendor, name="curation_vendor"),
    path("kurasi/penyedia/<str:code>/ubah/", curation_views.curation_vendor_edit, name="curation_vendor_edit"),
    path("kurasi/penyedia/<str:code>/verifikasi/", curation_views.curation_verify, name="curation_verify"),
    path("kurasi/penyedia/<str:code>/kembalikan/", curation_views.curation_return, name="curation_return"),
    path("kurasi/penyedia/<str:code>/tolak/", curation_views.curation_reject, name="curation_reject"),
]
