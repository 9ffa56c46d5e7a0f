"""Turn raw bytes into text: BOM and encoding sniffing, binary detection, character normalisation."""

from __future__ import annotations

import codecs
import unicodedata

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

# one character in, one character out, so offsets into normalised text match the file's layout
_CHAR_MAP = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u200b": " ", "\ufeff": " ", "\u2028": "\n", "\u2029": "\n", "\r": "\n", "\t": " ",
})


def decode_bytes(data: bytes) -> str:
    """Decode file bytes to text, raising SkipDocument for binary or undecodable content."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise SkipDocument(f"binary file ({what})")
    # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                     (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _text_only(data.decode(enc))
            except UnicodeDecodeError as exc:
                raise SkipDocument(f"cannot decode as {enc}: {exc.reason}") from None
    if b"\x00" in data[:4096]:
        raise SkipDocument("binary file (contains NUL bytes)")
    try:
        return _text_only(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise SkipDocument("binary or undecodable content")
    return _text_only(data.decode(best.encoding, errors="replace"))


def _text_only(text: str) -> str:
    """Refuse decoded text that is mostly control characters: binary data that happens to decode."""
    if _control_ratio(text) > 0.05:
        raise SkipDocument("binary file (mostly control characters)")
    return text


def _control_ratio(text: str) -> float:
    sample = text[:20_000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return bad / len(sample)


def normalise(text: str) -> str:
    """Fold NBSP, curly quotes, dashes and CR to plain characters, one for one (offsets stay aligned)."""
    text = text.replace("\r\n", "\n")
    return text.translate(_CHAR_MAP)
