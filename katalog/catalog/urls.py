from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("kategori/", views.category_index, name="category_index"),
    path("kategori/<slug:slug>/", views.category_detail, name="category_detail"),
    path("produk/", views.product_search, name="product_search"),
    path("produk/<str:sku>/", views.product_detail, name="product_detail"),
    path("vendor/<str:code>/", views.vendor_profile, name="vendor_profile"),
    path("pimpinan/", views.leader_summary, name="leader_summary"),
]
