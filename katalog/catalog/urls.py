from django.urls import path

from . import curation_views, vendor_views, views

app_name = "catalog"
urlpatterns = [
    # Public catalogue
    path("kategori/", views.category_index, name="category_index"),
    path("kategori/<slug:slug>/", views.category_detail, name="category_detail"),
    path("produk/", views.product_search, name="product_search"),
    path("produk/<str:sku>/", views.product_detail, name="product_detail"),
    path("vendor/<str:code>/", views.vendor_profile, name="vendor_profile"),
    path("pimpinan/", views.leader_summary, name="leader_summary"),
    # A vendor's own products
    path("penyedia/produk/", vendor_views.vendor_product_list, name="vendor_product_list"),
    path("penyedia/produk/baru/", vendor_views.vendor_product_create, name="vendor_product_create"),
    path("penyedia/produk/<int:pk>/", vendor_views.vendor_product_detail, name="vendor_product_detail"),
    path("penyedia/produk/<int:pk>/ubah/", vendor_views.vendor_product_edit, name="vendor_product_edit"),
    path("penyedia/produk/<int:pk>/foto/", vendor_views.vendor_product_photos, name="vendor_product_photos"),
    path(
        "penyedia/produk/<int:pk>/foto/<int:photo_pk>/hapus/",
        vendor_views.vendor_product_photo_delete,
        name="vendor_product_photo_delete",
    ),
    path("penyedia/produk/<int:pk>/ajukan/", vendor_views.vendor_product_submit, name="vendor_product_submit"),
    path("penyedia/produk/<int:pk>/tarik/", vendor_views.vendor_product_withdraw, name="vendor_product_withdraw"),
    # Curation
    path("kurasi/produk/", curation_views.curation_products, name="curation_products"),
    path("kurasi/produk/<int:pk>/", curation_views.curation_product, name="curation_product"),
    path("kurasi/produk/<int:pk>/setujui/", curation_views.curation_product_approve, name="curation_product_approve"),
    path("kurasi/produk/<int:pk>/kembalikan/", curation_views.curation_product_return, name="curation_product_return"),
]
