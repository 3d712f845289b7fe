from katalog.core.checks import check_money_fields_are_integers


def test_every_rupiah_field_is_an_integer_column():
    assert check_money_fields_are_integers() == []
