"""IIN and BIN: what staff see when they type a number at intake or for an employer."""

from __future__ import annotations

import datetime as dt

import pytest

from oralman_desk.identity import (
    BinInfo,
    BinKind,
    IdError,
    IinInfo,
    IinInvalid,
    Sex,
    check_digit,
    make_bin,
    make_iin,
    parse_bin,
    parse_iin,
)

# Check digits worked out by hand. Weights: w1 = 1..11, w2 = 3,4,5,6,7,8,9,10,11,1,2.
#
# 900115 3 0123 5 — man born 15.01.1990 (7th digit 3: 1900s, odd = male).
#   w1: 9·1 + 1·4 + 1·5 + 5·6 + 3·7 + 1·9 + 2·10 + 3·11 = 131 = 11·11 + 10  -> 10, use w2
#   w2: 9·3 + 1·6 + 1·7 + 5·8 + 3·9 + 1·11 + 2·1 + 3·2 = 126 = 11·11 + 5    -> 5
# 030721 6 0045 0 — woman born 21.07.2003 (6: 2000s, even = female).
#   w1: 3·2 + 7·4 + 2·5 + 1·6 + 6·7 + 4·10 + 5·11 = 187 = 17·11             -> 0
# 850303 4 0077 3 — woman born 03.03.1985.
#   w1: 8·1 + 5·2 + 3·4 + 3·6 + 4·7 + 7·10 + 7·11 = 223 = 20·11 + 3        -> 3
# 751212 2 0001 4 — woman born 12.12.1875 (2: 1800s, female).
#   w1: 7·1 + 5·2 + 1·3 + 2·4 + 1·5 + 2·6 + 2·7 + 1·11 = 70 = 6·11 + 4      -> 4
KNOWN_IINS = [
    ("900115301235", dt.date(1990, 1, 15), Sex.MALE),
    ("030721600450", dt.date(2003, 7, 21), Sex.FEMALE),
    ("850303400773", dt.date(1985, 3, 3), Sex.FEMALE),
    ("751212200014", dt.date(1875, 12, 12), Sex.FEMALE),
]

# 880512 4 0023 — woman born 12.05.1988, but no IIN can start like this:
#   w1: 8·1 + 8·2 + 5·4 + 1·5 + 2·6 + 4·7 + 2·10 + 3·11 = 142 = 12·11 + 10  -> 10
#   w2: 8·3 + 8·4 + 5·6 + 1·7 + 2·8 + 4·9 + 2·1 + 3·2 = 153 = 13·11 + 10    -> 10 again
NEVER_ISSUED_PREFIX = "88051240023"


@pytest.mark.parametrize(("iin", "born", "sex"), KNOWN_IINS)
def test_valid_iin_gives_birth_date_and_sex(iin: str, born: dt.date, sex: Sex) -> None:
    assert parse_iin(iin) == IinInfo(iin=iin, birth_date=born, sex=sex)


def test_check_digit_by_hand() -> None:
    assert check_digit("90011530123") == 5  # needs the second weight sequence
    assert check_digit("03072160045") == 0
    assert check_digit("85030340077") == 3
    assert check_digit("75121220001") == 4
    assert check_digit(NEVER_ISSUED_PREFIX) is None


def test_surrounding_spaces_are_ignored() -> None:
    assert parse_iin("  900115301235\t").iin == "900115301235"


@pytest.mark.parametrize("last", "012346789")
def test_wrong_check_digit_is_rejected(last: str) -> None:
    with pytest.raises(IinInvalid) as exc:
        parse_iin("90011530123" + last)
    assert exc.value.code is IdError.CHECKSUM


def test_typo_in_the_middle_is_caught() -> None:
    # Swapping two digits of the serial changes the check digit.
    with pytest.raises(IinInvalid) as exc:
        parse_iin("900115301325")
    assert exc.value.code is IdError.CHECKSUM


@pytest.mark.parametrize("last", "0123456789")
def test_never_issued_number_is_rejected_whatever_the_last_digit(last: str) -> None:
    with pytest.raises(IinInvalid) as exc:
        parse_iin(NEVER_ISSUED_PREFIX + last)
    assert exc.value.code is IdError.NEVER_ISSUED


@pytest.mark.parametrize(
    "iin",
    [
        "990230300000",  # 30 February
        "010229500000",  # 29 February 2001 (not a leap year)
        "001301300000",  # month 13
        "000001300000",  # month 00
        "900100300000",  # day 00
        "900132300000",  # day 32
    ],
)
def test_impossible_birth_date_is_rejected(iin: str) -> None:
    with pytest.raises(IinInvalid) as exc:
        parse_iin(iin)
    assert exc.value.code is IdError.DATE


def test_leap_day_is_a_real_date() -> None:
    iin = make_iin(dt.date(2000, 2, 29), Sex.FEMALE, 17)
    assert iin is not None and iin.startswith("0002296")
    assert parse_iin(iin).birth_date == dt.date(2000, 2, 29)


@pytest.mark.parametrize("century", "0789")
def test_century_digit_outside_1_to_6_is_rejected(century: str) -> None:
    with pytest.raises(IinInvalid) as exc:
        parse_iin(f"900115{century}01235")
    assert exc.value.code is IdError.CENTURY


def test_century_is_checked_before_the_date() -> None:
    with pytest.raises(IinInvalid) as exc:
        parse_iin("991399900000")
    assert exc.value.code is IdError.CENTURY


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "90011530123",  # 11 digits
        "9001153012350",  # 13 digits
        "9001153O1235",  # letter O instead of zero
        "900115 301235",  # space inside
        "900115-301235",
        "٩٠٠١١٥٣٠١٢٣٥",  # Arabic-Indic digits are digits to Python, not to us
        "９００１１５３０１２３５",  # full-width digits
    ],
)
def test_not_twelve_digits_is_a_format_error(value: str) -> None:
    with pytest.raises(IinInvalid) as exc:
        parse_iin(value)
    assert exc.value.code is IdError.FORMAT


def test_error_is_a_value_error_and_does_not_repeat_the_number() -> None:
    with pytest.raises(ValueError) as exc:
        parse_iin("900115301230")
    assert "900115" not in str(exc.value)


@pytest.mark.parametrize(
    ("born", "sex", "digit"),
    [
        (dt.date(1800, 1, 1), Sex.MALE, "1"),
        (dt.date(1899, 12, 31), Sex.FEMALE, "2"),
        (dt.date(1900, 1, 1), Sex.MALE, "3"),
        (dt.date(1999, 6, 30), Sex.FEMALE, "4"),
        (dt.date(2000, 1, 1), Sex.MALE, "5"),
        (dt.date(2099, 12, 31), Sex.FEMALE, "6"),
    ],
)
def test_make_iin_round_trips(born: dt.date, sex: Sex, digit: str) -> None:
    iin = make_iin(born, sex, 1234)
    assert iin is not None
    assert iin[6] == digit
    assert iin[7:11] == "1234"
    assert parse_iin(iin) == IinInfo(iin=iin, birth_date=born, sex=sex)


def test_make_iin_reproduces_the_hand_computed_numbers() -> None:
    assert make_iin(dt.date(1990, 1, 15), Sex.MALE, 123) == "900115301235"
    assert make_iin(dt.date(2003, 7, 21), Sex.FEMALE, 45) == "030721600450"
    assert make_iin(dt.date(1988, 5, 12), Sex.FEMALE, 23) is None  # never issued


def test_make_iin_over_all_serials_of_a_day() -> None:
    born = dt.date(1976, 9, 3)
    made = [make_iin(born, Sex.MALE, serial) for serial in range(10000)]
    skipped = [serial for serial, iin in enumerate(made) if iin is None]
    # About one serial in 121 (10 twice) cannot be used; every other one gives a valid IIN.
    assert 30 < len(skipped) < 150
    for iin in made:
        if iin is not None:
            assert parse_iin(iin).birth_date == born


@pytest.mark.parametrize("year", [1799, 2100, 1])
def test_make_iin_refuses_years_it_cannot_encode(year: int) -> None:
    with pytest.raises(ValueError):
        make_iin(dt.date(year, 1, 1), Sex.MALE, 1)


@pytest.mark.parametrize("serial", [-1, 10000])
def test_make_iin_refuses_bad_serial(serial: int) -> None:
    with pytest.raises(ValueError):
        make_iin(dt.date(1990, 1, 1), Sex.MALE, serial)


@pytest.mark.parametrize("first11", ["", "9001153012", "900115301234", "9001153012a"])
def test_check_digit_needs_eleven_digits(first11: str) -> None:
    with pytest.raises(ValueError):
        check_digit(first11)


# BINs, check digits by hand:
# 1203 4 0 00123 0 — resident legal entity registered March 2012.
#   w1: 1·1 + 2·2 + 3·4 + 4·5 + 1·9 + 2·10 + 3·11 = 99 = 9·11               -> 0
# 9811 5 0 00045 9 — non-resident, November 1998.
#   w1: 9·1 + 8·2 + 1·3 + 1·4 + 5·5 + 4·10 + 5·11 = 152 = 13·11 + 9        -> 9
# 2007 6 0 00789 5 — individual entrepreneur, July 2020.
#   w1: 2·1 + 7·4 + 6·5 + 7·9 + 8·10 + 9·11 = 302 = 27·11 + 5              -> 5
# 1507 4 0 00050 — never issued:
#   w1: 1·1 + 5·2 + 7·4 + 4·5 + 5·10 = 109 = 9·11 + 10                      -> 10
#   w2: 1·3 + 5·4 + 7·6 + 4·7 + 5·1 = 98 = 8·11 + 10                        -> 10 again
TODAY = dt.date(2025, 6, 1)


@pytest.mark.parametrize(
    ("bin_", "year", "month", "kind"),
    [
        ("120340001230", 2012, 3, BinKind.RESIDENT),
        ("981150000459", 1998, 11, BinKind.NON_RESIDENT),
        ("200760007895", 2020, 7, BinKind.ENTREPRENEUR),
    ],
)
def test_valid_bin(bin_: str, year: int, month: int, kind: BinKind) -> None:
    info = parse_bin(f" {bin_} ", today=TODAY)
    assert info == BinInfo(bin=bin_, year=year, month=month, kind=kind)
    assert info.kind == kind.value


def test_bin_year_is_read_relative_to_today() -> None:
    bin_ = make_bin(2025, 1, "4", 1)
    assert bin_ is not None
    assert parse_bin(bin_, today=dt.date(2025, 1, 1)).year == 2025
    assert parse_bin(bin_, today=dt.date(2024, 12, 31)).year == 1925
    assert parse_bin("981150000459").year == 1998  # default: the real today


@pytest.mark.parametrize(("bin_", "code"), [
    ("120040001230", IdError.BIN_MONTH),  # month 00
    ("121340001230", IdError.BIN_MONTH),  # month 13
    ("120330001230", IdError.BIN_KIND),  # kind 3
    ("120370001230", IdError.BIN_KIND),  # kind 7
    ("120340001231", IdError.CHECKSUM),
    ("150740000509", IdError.NEVER_ISSUED),
    ("12034000123", IdError.FORMAT),
    ("12034000123X", IdError.FORMAT),
])  # fmt: skip
def test_invalid_bin(bin_: str, code: IdError) -> None:
    with pytest.raises(IinInvalid) as exc:
        parse_bin(bin_, today=TODAY)
    assert exc.value.code is code


def test_iin_and_bin_cannot_be_confused() -> None:
    # The 5th digit is the tens of the birth day in an IIN (0..3) but 4..6 in a BIN.
    with pytest.raises(IinInvalid) as exc:
        parse_bin("900115301235", today=TODAY)
    assert exc.value.code is IdError.BIN_KIND
    bin_ = make_bin(2012, 3, "4", 30001)  # 7th digit 3, as in an IIN of the 1900s
    assert bin_ is not None
    with pytest.raises(IinInvalid) as exc:
        parse_iin(bin_)
    assert exc.value.code is IdError.DATE  # "day" 4x


def test_make_bin_round_trips() -> None:
    assert make_bin(2012, 3, BinKind.RESIDENT, 123) == "120340001230"
    assert make_bin(2015, 7, "4", 50) is None  # never issued
    for serial in range(200):
        bin_ = make_bin(2019, 10, "6", serial, division=2)
        if bin_ is not None:
            assert bin_[5] == "2"
            assert parse_bin(bin_, today=TODAY) == BinInfo(bin_, 2019, 10, "6")


@pytest.mark.parametrize(
    ("year", "month", "kind", "serial"),
    [(1899, 1, "4", 1), (2100, 1, "4", 1), (2020, 0, "4", 1), (2020, 13, "4", 1),
     (2020, 1, "7", 1), (2020, 1, "4", 100000), (2020, 1, "4", -1)],
)  # fmt: skip
def test_make_bin_refuses_bad_values(year: int, month: int, kind: str, serial: int) -> None:
    with pytest.raises(ValueError):
        make_bin(year, month, kind, serial)
