"""Identification numbers: IIN (ЖСН / ИИН) of people and BIN (БСН / БИН) of organisations.

Both are 12 digits and share one check digit (domain.md §4):

* IIN: ``YYMMDD`` birth date, one digit for century and sex (1/2: 1800s, 3/4: 1900s, 5/6: 2000s;
  odd = male), a 4-digit serial and the check digit.
* BIN: ``YYMM`` registration year and month, one digit for the kind of organisation (4 resident
  legal entity, 5 non-resident, 6 individual entrepreneur), one for the type of division, a 5-digit
  serial and the check digit.

The 5th digit of an IIN is the tens of the day of birth (0..3) and that of a BIN is 4..6, so the two
kinds of number never overlap: each parser rejects the other kind.

Errors carry a code (:class:`IdError`) and never the number itself: IINs are personal data and
exception messages end up in logs. The user-facing messages are translated elsewhere.

Pure Python, no I/O; ``parse_bin`` reads today's date unless one is passed in.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

__all__ = [
    "BinInfo",
    "BinKind",
    "IdError",
    "IinInfo",
    "IinInvalid",
    "Sex",
    "check_digit",
    "make_bin",
    "make_iin",
    "parse_bin",
    "parse_iin",
]

_WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

_IIN_YEARS = range(1800, 2100)
_BIN_YEARS = range(1900, 2100)


class Sex(enum.StrEnum):
    MALE = "M"
    FEMALE = "F"


class IdError(enum.StrEnum):
    """Why an IIN or a BIN was rejected (a code; messages are translated by the caller)."""

    FORMAT = "format"  # not exactly 12 ASCII digits
    CENTURY = "century"  # IIN: 7th digit is not 1..6
    DATE = "date"  # IIN: digits 1-6 are not a real date (e.g. 990230)
    CHECKSUM = "checksum"  # 12th digit differs from the computed check digit
    NEVER_ISSUED = "never_issued"  # the check digit computes to 10 with both weight sequences
    BIN_MONTH = "bin_month"  # BIN: digits 3-4 are not 01..12
    BIN_KIND = "bin_kind"  # BIN: 5th digit is not 4, 5 or 6


class BinKind(enum.StrEnum):
    """The 5th digit of a BIN."""

    RESIDENT = "4"  # resident legal entity
    NON_RESIDENT = "5"  # non-resident legal entity
    ENTREPRENEUR = "6"  # individual entrepreneur (joint venture)


class IinInvalid(ValueError):
    """An IIN or BIN that cannot be valid; ``code`` says why."""

    def __init__(self, code: IdError) -> None:
        super().__init__(code.value)
        self.code = code


# 7th IIN digit -> (first year of the century, sex).
_CENTURY_SEX: dict[str, tuple[int, Sex]] = {
    "1": (1800, Sex.MALE),
    "2": (1800, Sex.FEMALE),
    "3": (1900, Sex.MALE),
    "4": (1900, Sex.FEMALE),
    "5": (2000, Sex.MALE),
    "6": (2000, Sex.FEMALE),
}


@dataclass(frozen=True)
class IinInfo:
    iin: str
    birth_date: dt.date
    sex: Sex


@dataclass(frozen=True)
class BinInfo:
    bin: str
    year: int
    month: int
    kind: str  # a BinKind value: "4", "5" or "6"


def _is_digits(value: str, length: int) -> bool:
    # str.isdigit() alone would accept "٣" or "²": only ASCII digits are allowed.
    return len(value) == length and value.isascii() and value.isdigit()


def check_digit(first11: str) -> int | None:
    """The 12th digit for the first 11 digits, or None if no valid number starts with them.

    Sum of the digits times 1..11, mod 11; if that is 10, the same with weights 3..11, 1, 2; if it
    is 10 again, the number is never issued.
    """
    if not _is_digits(first11, 11):
        raise ValueError("check_digit needs exactly 11 ASCII digits")
    digits = [ord(c) - 48 for c in first11]
    total = sum(d * w for d, w in zip(digits, _WEIGHTS_1, strict=True)) % 11
    if total == 10:
        total = sum(d * w for d, w in zip(digits, _WEIGHTS_2, strict=True)) % 11
        if total == 10:
            return None
    return total


def _verify_check_digit(number: str) -> None:
    expected = check_digit(number[:11])
    if expected is None:
        raise IinInvalid(IdError.NEVER_ISSUED)
    if expected != ord(number[11]) - 48:
        raise IinInvalid(IdError.CHECKSUM)


def parse_iin(value: str) -> IinInfo:
    """Check an IIN and read the birth date and sex from it.

    Raises :class:`IinInvalid` with FORMAT, CENTURY, DATE, NEVER_ISSUED or CHECKSUM, checked in that
    order. Surrounding whitespace is ignored.
    """
    iin = value.strip()
    if not _is_digits(iin, 12):
        raise IinInvalid(IdError.FORMAT)
    century_sex = _CENTURY_SEX.get(iin[6])
    if century_sex is None:
        raise IinInvalid(IdError.CENTURY)
    century, sex = century_sex
    try:
        birth = dt.date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        raise IinInvalid(IdError.DATE) from None
    _verify_check_digit(iin)
    return IinInfo(iin=iin, birth_date=birth, sex=sex)


def make_iin(birth_date: dt.date, sex: Sex, serial: int) -> str | None:
    """A valid IIN for this birth date, sex and 4-digit serial (0..9999).

    Returns None when this serial gives a never-issued number: the caller tries the next serial.
    Raises ValueError for a birth year outside 1800..2099 or a serial outside 0..9999.
    """
    year = birth_date.year
    if year not in _IIN_YEARS:
        raise ValueError(f"an IIN encodes birth years 1800..2099, not {year}")
    if not 0 <= serial <= 9999:
        raise ValueError(f"an IIN serial is 0..9999, not {serial}")
    century_digit = 2 * (year // 100 - 18) + (1 if sex is Sex.MALE else 2)
    yymmdd = f"{year % 100:02d}{birth_date.month:02d}{birth_date.day:02d}"
    first11 = f"{yymmdd}{century_digit}{serial:04d}"
    digit = check_digit(first11)
    return None if digit is None else f"{first11}{digit}"


def parse_bin(value: str, *, today: dt.date | None = None) -> BinInfo:
    """Check a BIN and read its registration year and month and the kind of organisation.

    The two year digits mean 20YY if YY is not after this year's two digits, else 19YY (``today``
    defaults to the current date). Raises :class:`IinInvalid` with FORMAT, BIN_MONTH, BIN_KIND,
    NEVER_ISSUED or CHECKSUM, checked in that order.
    """
    number = value.strip()
    if not _is_digits(number, 12):
        raise IinInvalid(IdError.FORMAT)
    month = int(number[2:4])
    if not 1 <= month <= 12:
        raise IinInvalid(IdError.BIN_MONTH)
    kind = number[4]
    if kind not in ("4", "5", "6"):
        raise IinInvalid(IdError.BIN_KIND)
    _verify_check_digit(number)
    yy = int(number[0:2])
    current_yy = (today or dt.date.today()).year % 100
    year = (2000 if yy <= current_yy else 1900) + yy
    return BinInfo(bin=number, year=year, month=month, kind=BinKind(kind))


def make_bin(year: int, month: int, kind: str, serial: int, *, division: int = 0) -> str | None:
    """A valid BIN (for demo data): registration year and month, kind "4"/"5"/"6", 5-digit serial.

    ``division`` is the 6th digit (type of division; 0 = head office). Returns None when the serial
    gives a never-issued number. Raises ValueError for a year outside 1900..2099 or any other value
    out of range. Only the last two digits of the year are stored: :func:`parse_bin` reads them back
    as a year of the last hundred years.
    """
    if year not in _BIN_YEARS:
        raise ValueError(f"a BIN year is 1900..2099, not {year}")
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, not {month}")
    if kind not in ("4", "5", "6"):
        raise ValueError(f"kind must be '4', '5' or '6', not {kind!r}")
    if not 0 <= serial <= 99999:
        raise ValueError(f"a BIN serial is 0..99999, not {serial}")
    if not 0 <= division <= 9:
        raise ValueError(f"division must be one digit, not {division}")
    first11 = f"{year % 100:02d}{month:02d}{kind}{division}{serial:05d}"
    digit = check_digit(first11)
    return None if digit is None else f"{first11}{digit}"
