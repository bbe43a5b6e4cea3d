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


@register.filter
def vn_abs(value):
    """The size of a change without its sign, for "giảm 1,63 điểm" and ▼ arrows."""
    return number_vi(abs(value)) if value is not None else ""
