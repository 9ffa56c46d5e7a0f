"""Turn raw bytes into text: BOM and encoding sniffing, binary detection, character normalisation."""

from __future__ import annotations

import codecs
import re

from ..errors import SkipDocument

_MAGIC = {
    b"\x89PNG": "PNG image",
    b"PK\x03\x04": "ZIP archive",
    b"%PDF": "PDF document",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x1f\x8b": "gzip archive",
    b"\x7fELF": "executable",
}

_WESTERN_MARKS = "\u00a0\u201c\u201d\u2018\u2019\u201a\u201e\u2013\u2014\u2026\u20ac\u00ab\u00bb\u00b0\u00b7\u00a3\u00a9\u00ae\u2122\u2022\u00a7\u00b4\u00bd\u00bc\u00be\u00a1\u00bf\u00b1\u00d7"

# one character in, one character out, so offsets into normalised text match the file's layout
_CHAR_MAP = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u200b": " ",
        "\ufeff": " ",
        "\u2028": "\n",
        "\u2029": "\n",
        "\r": "\n",
        "\t": " ",
    }
)


# removed outright: NUL, lone surrogates (from JSON escapes), and invisible format characters that would split a
# number or a name in two ("2,\u2060500"): soft hyphen, zero-width space/joiners, direction marks and overrides,
# word joiner and invisible operators, BOM/zero-width no-break space, interlinear annotation marks, tag characters
_INVISIBLE = re.compile(
    "[\x00\ud800-\udfff\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
_BINARY = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # Unicode's control characters (Cc) but \t \n \f \r
_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # other control characters become spaces
BROKEN_UTF8_SHARE = 1.0  # no more damaged sequences than good multi-byte characters: still UTF-8


def sanitise(text: str) -> str:
    """Drop NULs, lone surrogates and invisible format characters; turn other control characters into spaces."""
    return _CONTROL.sub(" ", _INVISIBLE.sub("", text))


def decode_bytes(data: bytes) -> str:
    """Decode file bytes to text, raising SkipDocument for binary or undecodable content."""
    return decode_with_note(data)[0]


def decode_with_note(data: bytes) -> tuple[str, str | None]:
    """Decode file bytes to text plus a note when UTF-8 was damaged and decoded with replacement characters."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise SkipDocument(f"binary file ({what})")
    # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _text_only(data.decode(enc)), None
            except UnicodeDecodeError as exc:
                raise SkipDocument(f"cannot decode as {enc}: {exc.reason}") from None
    if b"\x00" in data[:4096]:
        raise SkipDocument("binary file (contains NUL bytes)")
    try:
        return _text_only(data.decode("utf-8")), None
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    western = _western(data)
    if western is not None:
        return _text_only(western), None
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise SkipDocument("binary or undecodable content")
    return _text_only(data.decode(best.encoding, errors="replace")), None


def _damaged_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few invalid bytes, decoded with U+FFFD in their place, when the rest reads as UTF-8.

    Re-reading the whole file in another code would turn every good accented letter into mojibake ("Ã©").
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")  # non-ASCII characters
    if bad <= 0 or bad > BROKEN_UTF8_SHARE * good:
        return None
    note = f"invalid UTF-8 in {bad} place{'s' if bad > 1 else ''}; read as UTF-8 with U+FFFD replacement characters"
    return _text_only(text), note


def _western(data: bytes) -> str | None:
    """Windows-1252 (Latin-1's printable superset) when the text reads as a Western European language.

    charset_normalizer guesses short Latin-1 texts as cp775, big5 and the like; Western text is mostly ASCII
    letters with a few accented ones and typographic marks, which Cyrillic or Greek in a one-byte code is not.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [ch for ch in text if ord(ch) > 127]
    letters = sum(ch.isalpha() for ch in text)
    if not high or len(high) > 0.3 * max(letters, 1):
        return None
    plausible = sum(ch.isalpha() or ch in _WESTERN_MARKS for ch in high)
    return text if plausible >= 0.9 * len(high) else None


def _text_only(text: str) -> str:
    """Refuse decoded text that is mostly control characters: binary data that happens to decode."""
    if _control_ratio(text) > 0.05:
        raise SkipDocument("binary file (mostly control characters)")
    return text


def _control_ratio(text: str) -> float:
    sample = text[:20_000]
    if not sample:
        return 0.0
    return len(_BINARY.findall(sample)) / len(sample)


def normalise(text: str) -> str:
    """Fold NBSP, curly quotes, dashes and CR to plain characters, one for one (offsets stay aligned)."""
    text = text.replace("\r\n", "\n")
    return text.translate(_CHAR_MAP)
