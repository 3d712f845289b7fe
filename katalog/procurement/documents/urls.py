"""Addresses of the printable documents of an order (included from config/urls.py)."""

from django.urls import path

from . import views as document_views

app_name = "procurement_documents"

urlpatterns = [
    path("pesanan/<str:number>/surat-pesanan/", document_views.surat_pesanan, name="surat_pesanan"),
    path("pesanan/<str:number>/surat-pesanan.pdf", document_views.surat_pesanan_pdf, name="surat_pesanan_pdf"),
    path("bast/<int:pk>/", document_views.bast, name="bast"),
    path("bast/<int:pk>.pdf", document_views.bast_pdf, name="bast_pdf"),
]
