"""Read and check gold files and facts files (formats in DESIGN.md) before any run starts."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

GOLD_KEYS = (
    "set",
    "documents",
    "note",
    "published",
    "corroborated",
    "conflicts",
    "acceptable",
    "traps",
    "unique",
    "boilerplate",
)
FACTS_KEYS = ("set", "complete", "note", "sentences")
SIDED = ("conflicts", "acceptable", "traps")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class FactSentence:
    """One annotated sentence: a document, an exact snippet of one of its sentences, the fact keys it states."""

    doc: str
    text: str
    keys: frozenset[str]


@dataclass(frozen=True)
class Facts:
    """A parsed facts file; `complete` says every checkable sentence of the set is listed."""

    path: Path
    set: str | None
    complete: bool
    sentences: tuple[FactSentence, ...]


@dataclass(frozen=True)
class Gold:
    """A parsed gold file; `root` is the documents folder it names, resolved against the file."""

    path: Path
    root: Path
    data: dict = field(repr=False)
    facts: Facts | None = None


def _read_json(path: Path, what: str) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read {what} file ({exc.strerror or exc})") from None
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InputError(f"{path}: {what} file is not valid JSON ({str(exc)[:200]})") from None


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}
    return names.get(type(value), "a number" if isinstance(value, int | float) else type(value).__name__)


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=True, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


class _Shape:
    """Checks one parsed JSON file, raising InputError('path: where: what is wrong') at the first problem."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> InputError:
        return InputError(f"{self.path}: {where}: {problem}" if where else f"{self.path}: {problem}")

    def obj(self, value: object, where: str, known: tuple[str, ...] | None = None) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, f"must be an object, not {_kind(value)}")
        unknown = sorted(set(value) - set(known)) if known is not None else []
        if unknown:
            raise self.fail(where, f"unknown key {unknown[0]!r} (known: {', '.join(known or ())})")
        return value

    def items(self, value: object, where: str, nonempty: bool = False) -> list:
        if not isinstance(value, list):
            raise self.fail(where, f"must be a list, not {_kind(value)}")
        if nonempty and not value:
            raise self.fail(where, "must not be empty")
        return value

    def text(self, value: object, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"must be a non-empty string, not {_shown(value)}")
        return value

    def mention(self, value: object, where: str, whole_doc: bool = True) -> None:
        """[doc id, snippet]; an empty snippet stands for every claim of the document where `whole_doc` allows it."""
        doc, text = value if isinstance(value, list) and len(value) == 2 else (None, None)
        if not (isinstance(doc, str) and doc.strip() and isinstance(text, str) and (whole_doc or text.strip())):
            snippet = "snippet" if whole_doc else "non-empty snippet"
            raise self.fail(where, f"a mention must be [doc id, {snippet}] (two strings), not {_shown(value)}")

    def mentions(self, value: object, where: str) -> None:
        for i, m in enumerate(self.items(value, where, nonempty=True)):
            self.mention(m, f"{where}[{i}]")


def check_gold_shape(path: Path, data: object) -> dict:
    """Check a parsed gold file against the gold format; return it as a dict or raise InputError."""
    s = _Shape(path)
    g = s.obj(data, "", GOLD_KEYS)
    for key in ("set", "documents", "note"):
        if key in g:
            s.text(g[key], f'"{key}"')
    published = s.obj(g.get("published", {}), '"published"')
    for doc, day in published.items():
        if day is not None and not (isinstance(day, str) and _ISO_DAY.fullmatch(day)):
            raise s.fail(f'"published" of {doc!r}', f"must be a YYYY-MM-DD date or null, not {_shown(day)}")
    for i, item in enumerate(s.items(g.get("corroborated", []), '"corroborated"')):
        s.obj(item, f"corroborated[{i}]")
        s.text(item.get("id"), f"corroborated[{i}].id")
        if "mentions" not in item:
            raise s.fail(f"corroborated[{i}]", 'has no "mentions"')
        s.mentions(item["mentions"], f"corroborated[{i}].mentions")
    for key in SIDED:
        for i, item in enumerate(s.items(g.get(key, []), f'"{key}"')):
            s.obj(item, f"{key}[{i}]")
            s.text(item.get("id"), f"{key}[{i}].id")
            for side in ("a", "b"):
                if side not in item:
                    raise s.fail(f"{key}[{i}]", f'has no side "{side}"')
                s.mentions(item[side], f"{key}[{i}].{side}")
    for key in ("unique", "boilerplate"):
        for i, m in enumerate(s.items(g.get(key, []), f'"{key}"')):
            s.mention(m, f"{key}[{i}]", whole_doc=key != "boilerplate")
    return g


def check_facts_shape(path: Path, data: object) -> Facts:
    """Check a parsed facts file against the facts format; return it as Facts or raise InputError."""
    s = _Shape(path)
    f = s.obj(data, "", FACTS_KEYS)
    for key in ("set", "note"):
        if key in f:
            s.text(f[key], f'"{key}"')
    if not isinstance(f.get("complete"), bool):
        raise s.fail('"complete"', f"must be true or false, not {_kind(f.get('complete'))}")
    if "sentences" not in f:
        raise s.fail("", 'has no "sentences"')
    out = []
    for i, item in enumerate(s.items(f["sentences"], '"sentences"')):
        where = f"sentences[{i}]"
        s.obj(item, where, ("doc", "text", "facts", "note"))
        doc, text = s.text(item.get("doc"), f"{where}.doc"), s.text(item.get("text"), f"{where}.text")
        keys = s.items(item.get("facts"), f"{where}.facts")
        for j, key in enumerate(keys):
            s.text(key, f"{where}.facts[{j}]")
        out.append(FactSentence(doc, text, frozenset(keys)))
    return Facts(path, f.get("set"), f["complete"], tuple(out))


def facts_beside(gold_path: Path) -> Path | None:
    """The facts file that goes with a gold file: `<name>.facts.json` for `<name>.gold.json`, else `facts.json`."""
    name = gold_path.name.removesuffix(".json").removesuffix(".gold")
    for candidate in ["facts.json"] if name == "gold" else [f"{name}.facts.json", "facts.json"]:
        path = gold_path.parent / candidate
        if path.is_file():
            return path
    return None


def load_facts(path: Path, gold_set: str | None = None) -> Facts:
    """Read and check a facts file; its `set`, when given, must be the gold's set."""
    facts = check_facts_shape(path, _read_json(path, "facts"))
    if gold_set and facts.set and facts.set != gold_set:
        raise InputError(f'{path}: facts file is for set "{facts.set}", the gold file for "{gold_set}"')
    return facts


def _documents_root(path: Path, g: dict) -> Path:
    if "documents" in g:
        root = (path.parent / g["documents"]).resolve()
        if not root.is_dir():
            raise InputError(f"{path}: documents folder {g['documents']!r} not found (looked in {root})")
        return root
    beside = path.parent / path.name.removesuffix(".json").removesuffix(".gold")
    if beside.is_dir() and beside.resolve() != path.parent.resolve():
        return beside.resolve()
    raise InputError(f'{path}: gold file has no "documents" folder and there is no folder {beside.name!r} beside it')


def load_gold(path: str, facts: str | None = None, find_facts: bool = True) -> Gold:
    """Read and check a gold file and its facts file (`facts`, else the one beside it); InputError when unusable."""
    p = Path(path)
    data = _read_json(p, "gold")
    if not isinstance(data, dict):
        raise InputError(f"{path}: gold file must be an object, not {_kind(data)}")
    g = check_gold_shape(p, data)
    root = _documents_root(p, g)
    facts_path = Path(facts) if facts else (facts_beside(p) if find_facts else None)
    return Gold(p, root, g, load_facts(facts_path, g.get("set")) if facts_path else None)
