"""Vietnamese alphabetical order ("Bình Thành" < "Định An" < "Lấp Vò"), which code-point order gets wrong.

Letters sort a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; tone marks only break ties, in
dictionary order (none, huyền, hỏi, ngã, sắc, nặng).
"""

from __future__ import annotations

import unicodedata

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
_WITH_MARK = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}


def vietnamese_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A sort key: letters by the Vietnamese alphabet first, then tones."""
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text.casefold()):
        base, *marks = unicodedata.normalize("NFD", char)
        letter, tone = base, 0
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            else:
                letter = _WITH_MARK.get((base, mark), base)
        position = _ALPHABET.find(letter)
        letters.append(position if position >= 0 else 100 + ord(letter))
        tones.append(tone)
    return tuple(letters), tuple(tones)
