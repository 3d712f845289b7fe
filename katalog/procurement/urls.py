from django.urls import path

from . import cart_views, order_views, views
from .oversight import views as oversight_views

app_name = "procurement"
urlpatterns = [
    # Public tools
    path("alat/preferensi-harga/", views.price_preference_calculator, name="price_preference"),
    # Public: buyers' average rating of a vendor, which the vendor's profile (catalog) loads by its URL name
    path("penilaian-penyedia/<int:vendor_id>/", oversight_views.vendor_rating, name="vendor_rating"),
    # The buyer's cart
    path("keranjang/", cart_views.cart_page, name="cart"),
    path("keranjang/tambah/", cart_views.cart_add, name="cart_add"),
    path("keranjang/produk/<int:product_id>/", cart_views.cart_update, name="cart_update"),
    path("keranjang/produk/<int:product_id>/hapus/", cart_views.cart_remove, name="cart_remove"),
    path("keranjang/<str:vendor_code>/pesan/", cart_views.checkout, name="checkout"),
    # Orders: the list, one order, and one address per action (procurement:order_<action>)
    path("pesanan/", order_views.order_list, name="order_list"),
    path("pesanan/<int:pk>/", order_views.order_detail, name="order_detail"),
    *[
        path(f"pesanan/<int:pk>/{action.slug}/", order_views.order_action, {"action": name}, name=f"order_{name}")
        for name, action in order_views.ACTIONS.items()
    ],
]
