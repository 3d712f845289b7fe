"""Template filters for rupiah, percentages and dates in the reader's language."""

from django import template
from django.utils import translation

from katalog.core.money import format_rupiah, format_rupiah_compact, percent_display

register = template.Library()


def _babel_locale() -> str:
    return "en_US" if (translation.get_language() or "id").startswith("en") else "id_ID"


@register.filter
def rupiah(value):
    return format_rupiah(value, locale=_babel_locale())


@register.filter
def rupiah_compact(value):
    return format_rupiah_compact(value, locale=_babel_locale())


@register.filter
def percent(value):
    return percent_display(value, locale=_babel_locale())


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced (for paging links)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        params[key] = value
    return "?" + params.urlencode()
