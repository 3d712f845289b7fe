"""The buyer's cart (/keranjang/) and the checkout that turns one vendor's group into a draft order."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from katalog.accounts import access as account_access
from katalog.core import clock
from katalog.core.web import perform
from katalog.vendors import selectors as vendor_selectors

from . import cart, services
from .order_forms import AddToCartForm, CartQuantityForm, CheckoutForm

CART_PARTIAL = "procurement/orders/_cart.html"


def _require_buyer(request) -> None:
    if account_access.buyer_membership(request.user) is None:
        raise PermissionDenied(_("Only a buyer's PPK or pejabat pengadaan orders from the catalogue."))


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _cart_or_partial(request):
    """After a change: the cart's part of the page for htmx, the whole cart page otherwise."""
    if _is_htmx(request):
        return render(request, CART_PARTIAL, {"cart": cart.cart_contents(request.session)})
    return redirect("procurement:cart")


@login_required
def cart_page(request):
    _require_buyer(request)
    return render(request, "procurement/orders/cart.html", {"cart": cart.cart_contents(request.session)})


@login_required
@require_POST
def cart_add(request):
    _require_buyer(request)
    form = AddToCartForm(request.POST)
    product = None
    if form.is_valid():
        done = perform(
            request, cart.cart_add, form=form, success=None, session=request.session,
            sku=form.cleaned_data["sku"], quantity=form.cleaned_data["quantity"],
        )
        product = done.result
    if _is_htmx(request):
        return render(request, "procurement/orders/_add_to_cart_done.html", {
            "form": form, "product": product, "count": cart.cart_contents(request.session)["count"],
        })
    if product is not None:
        messages.success(request, _("%(name)s is in your cart.") % {"name": product.name})
        return redirect("catalog:product_detail", sku=product.sku)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    sku = form.data.get("sku", "")
    return redirect(reverse("catalog:product_detail", args=[sku]) if sku else "procurement:cart")


@login_required
@require_POST
def cart_update(request, product_id: int):
    _require_buyer(request)
    form = CartQuantityForm(request.POST)
    if form.is_valid():
        perform(
            request, cart.cart_set_quantity, success=None, session=request.session, product_id=product_id,
            quantity=form.cleaned_data["quantity"],
        )
    else:
        messages.error(request, _("Enter a whole number of 0 or more."))
    return _cart_or_partial(request)


@login_required
@require_POST
def cart_remove(request, product_id: int):
    _require_buyer(request)
    cart.cart_remove(request.session, product_id=product_id)
    return _cart_or_partial(request)


@login_required
@require_http_methods(["GET", "POST"])
def checkout(request, vendor_code: str):
    """One vendor's group of the cart becomes a draft order (one vendor per order)."""
    _require_buyer(request)
    vendor = vendor_selectors.vendor_get_public(vendor_code)
    if vendor is None:
        raise Http404
    lines = cart.cart_group_for_order(request.session, vendor_code=vendor.code)
    form = CheckoutForm(request.POST or None)
    if request.method == "GET" and not lines:
        messages.info(request, _("Your cart has nothing from this vendor."))
        return redirect("procurement:cart")
    if request.method == "POST" and form.is_valid():
        # A repeated key (double click, resent form) returns the first order even once the cart is empty.
        done = perform(
            request, services.order_create, form=form, actor=request.user, vendor=vendor, lines=lines,
            now=clock.now(), success=lambda order: _("Draft order %(number)s is created. Check it, then send it.")
            % {"number": order.number},
            **form.service_kwargs(),
        )
        if done:
            cart.cart_forget(request.session, product_ids=[product.pk for product, _quantity in lines])
            return redirect("procurement:order_detail", pk=done.result.pk)
    group = next((g for g in cart.cart_contents(request.session)["groups"] if g["vendor"]["code"] == vendor.code), None)
    return render(request, "procurement/orders/checkout.html", {"form": form, "group": group, "vendor": vendor})
