from django.shortcuts import render

from katalog.catalog import selectors as catalog_selectors


def home(request):
    return render(request, "core/home.html", catalog_selectors.home_page_data())


def glossary(request):
    return render(request, "core/glossary.html")
