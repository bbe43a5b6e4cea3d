"""Template filters for numbers in the Vietnamese form (82,07; 1.222; +1,63)."""

from django import template

from indicators.formatting import number_vi, signed_vi

register = template.Library()


@register.filter
def vn(value, places=None):
    """{{ card.total|vn }} → 82,07; {{ card.total|vn:2 }} → 84,40."""
    return number_vi(value, int(places) if places not in (None, "") else None)


@register.filter
def vn_signed(value):
    return signed_vi(value)
