"""units/collation.py: Vietnamese alphabetical order."""

from units.collation import vietnamese_key


def test_vietnamese_alphabet_order():
    names = ["Lấp Vò", "Định An", "Bình Thành", "Dương", "Ân", "An", "Ăn", "Yên", "Ư", "Bình Thạnh Trung"]
    assert sorted(names, key=vietnamese_key) == [
        "An",
        "Ăn",
        "Ân",
        "Bình Thành",
        "Bình Thạnh Trung",
        "Dương",
        "Định An",
        "Lấp Vò",
        "Ư",
        "Yên",
    ]


def test_tones_only_break_ties():
    assert sorted(["ma", "mả", "mà", "mạ", "má", "mã"], key=vietnamese_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
