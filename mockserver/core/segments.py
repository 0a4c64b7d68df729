"""How many SMS parts a text takes: GSM 03.38 in septets (160 alone, 153 a part when
concatenated; extension characters take two), anything else UCS-2 (70 alone, 67 a part,
characters outside the BMP taking two code units)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import gsm0338  # noqa: F401  (registers the "gsm03.38" codec)

GSM_SINGLE, GSM_MULTI = 160, 153
UCS2_SINGLE, UCS2_MULTI = 70, 67


class Encoding(StrEnum):
    GSM7 = "gsm7"
    UCS2 = "ucs2"


@dataclass(frozen=True, slots=True)
class Segmentation:
    encoding: Encoding
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    parts: int


def _parts(units: int, single: int, multi: int) -> int:
    if units <= single:
        return 1
    return -(-units // multi)


def segment(text: str) -> Segmentation:
    try:
        septets = len(text.encode("gsm03.38"))
    except UnicodeEncodeError:
        units = len(text.encode("utf-16-le")) // 2
        return Segmentation(Encoding.UCS2, units, _parts(units, UCS2_SINGLE, UCS2_MULTI))
    return Segmentation(Encoding.GSM7, septets, _parts(septets, GSM_SINGLE, GSM_MULTI))


def count_parts(text: str) -> int:
    return segment(text).parts
