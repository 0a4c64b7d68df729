"""How many SMS parts a text takes: GSM 03.38 in septets (160 alone, 153 a part when
concatenated; extension characters take two), anything else UCS-2 (70 alone, 67 a part,
characters outside the BMP taking two code units)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gsm0338.codec import Codec

GSM_SINGLE, GSM_MULTI = 160, 153
UCS2_SINGLE, UCS2_MULTI = 70, 67

# The GSM 03.38 alphabet as the gsm0338 codec defines it: the basic table, and the extension
# table whose characters take an escape septet too. Counting with these is what encoding with
# the codec would give, without its per-character Python loop on the send path.
_ENCODING_MAP = Codec()._encoding_map
_EXTENSION = {char for char, code in _ENCODING_MAP.items() if code & 0xFF00}
GSM_ALPHABET = frozenset(_ENCODING_MAP)
_DOUBLE_EXTENSION = str.maketrans({char: char * 2 for char in _EXTENSION})


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
    if GSM_ALPHABET.issuperset(text):
        septets = len(text.translate(_DOUBLE_EXTENSION))
        return Segmentation(Encoding.GSM7, septets, _parts(septets, GSM_SINGLE, GSM_MULTI))
    units = len(text.encode("utf-16-le", errors="surrogatepass")) // 2
    return Segmentation(Encoding.UCS2, units, _parts(units, UCS2_SINGLE, UCS2_MULTI))


def count_parts(text: str) -> int:
    return segment(text).parts
