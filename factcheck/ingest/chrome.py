"""Page chrome: which lines of a page are furniture (menus, share buttons, sign-up blurbs) and why.

A line that reads as reportage (a full sentence with a verb and a number or a name, not addressed to the
reader) is never furniture here: "Home Secretary Yvette Cooper said 41 people had died" stays, whatever words
it shares with menus. Other lines are furniture by their shape (a menu bar, a breadcrumb trail, a web address)
or by phrases page furniture uses ("Share on Facebook", "Subscribe to our
newsletter", "All rights reserved"). Lines the documents of a run repeat are found in `repeats`.
"""

from __future__ import annotations

import re

MAX_CHROME_WORDS = 40  # a longer line is prose whatever words it holds

_WORD = re.compile(r"[^\W_][\w'’.-]*")
_TERMINAL = re.compile(r"""[.!?]["')\]]*$|[.!?]["')\]]*\s*\[\d+\]$""")

# phrases that are page furniture wherever they appear
_ALWAYS = re.compile(
    r"""share\s+on\s|^\s*share\s*:?\s*$|^\s*(tweet|whatsapp|facebook|twitter|linkedin|email|print)\s*$
    |leave\s+a\s+(reply|comment)|cancel\s+reply|email\s+address\s+will\s+not\s+be\s+published
    |required\s+fields\s+are\s+marked|post\s+a\s+comment|^\s*no\s+comments?\s*:?\s*$|^\s*\d+\s+comments?\s*$
    |\bad\s*-?block|^\s*advertisement\s*$|^\s*sponsored\b|in\s+your\s+inbox|you\s+may\s+also\s+like
    |all\s+rights\s+reserved|©|\(c\)\s*\d{4}|^\s*copyright\b|^\s*(about|contact)\s+us\s*$|^\s*no\s+result\s*$
    |^\s*view\s+all\s+results?\s*$|^\s*\d+\s+(years?|months?|weeks?|days?|hours?|minutes?)\s+ago\s*$
    |^\s*tags?\s*:|^\s*(by|photo|image|credit|source)\s*:\s*\S.{0,60}$|^\s*(next|previous)\s+(post|article)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

# menu, teaser and footer words that news prose also uses ("the company's privacy policy", "analysts share this view")
_MENU = re.compile(
    r"""\bsubscribe\b|newsletter|sign\s+up\s+(for|to)|^\s*read\s*(more|also|next)
    |^\s*related(\s+(articles?|posts?|stories|news))?\s*:?\s*$|^\s*recommended(\s+for\s+you)?\s*$
    |^\s*popular(\s+(news|posts|stories))?\s*$|^\s*most\s+(read|popular)\s*$|^\s*more\s+(from|stories|news)\b
    |^\s*trending\b|follow\s+us|follow\s+all\s+the|^\s*home\b|share\s+this|\bad\s+blocker|continue\s+reading
    |download(ing)?\s+(the|our)\s+[\w\s]{0,30}\b(app|application)\b|back\s+to\s+top|privacy\s+policy
    |terms\s+of\s+(use|service)|cookie\s+(policy|settings)""",
    re.IGNORECASE | re.VERBOSE,
)

# lines after which the rest of the page is comments, teasers or footer, once the article has started
TAIL = re.compile(
    r"""^\s*(leave\s+a\s+(reply|comment).*|post\s+a\s+comment|no\s+comments?\s*:?|\d+\s+comments?|comments?
    |related(\s+(articles?|posts?|stories|news|content))?\s*:?|recommended(\s+for\s+you)?|popular(\s+(news|posts|stories))?
    |most\s+(read|popular)|next\s+post|previous\s+post|tags?\s*:.*|newsletter|you\s+may\s+also\s+like.*
    |more\s+(from|stories|news)\b.*|read\s+next|continue\s+reading.*|share\s*:?|about\s+the\s+author)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

# markers of reader comments: what follows them is not the article even when it reads as reportage
COMMENTS = re.compile(
    r"^\s*(leave\s+a\s+(reply|comment).*|post\s+a\s+comment|no\s+comments?\s*:?|\d+\s+comments?|comments?)\s*$", re.I
)

_MENU_BAR = re.compile(r"^[^|•·]{1,40}(?:\s[|•·]\s+[^|•·]{1,40}){2,}$")  # "Politics | Economy | Sport"
_BREADCRUMB = re.compile(r"^[^>]{1,40}(?:\s>\s+[^>]{1,40})+$")  # "Home > Middle East"
_ADDRESS = re.compile(r"^\s*(?:https?\s*:\s*/\s*/|www\s*\.\s*\w)", re.I)  # also as extractors space it out
_CUT = re.compile(r"\w\s?(?:\.\.\.|…)\s*$")  # "...subject to auditing processes, w..."
_LEGAL = re.compile(r"©|all\s+rights\s+reserved|\(c\)\s*\d{4}|^\s*copyright\b|may\s+not\s+be\s+(re)?published", re.I)
_READER = re.compile(r"\b(you|your|yours|our|we|us)\b|^\s*(i|please)\b", re.IGNORECASE)
_IMPERATIVE = re.compile(r"^\s*(subscribe|sign|follow|download|share|read|click|join|get|register|log)\b", re.I)
_FACT = re.compile(r"\d|\s[A-Z][a-z]")  # a number, or a capitalised word after the first: a name
_VERB = re.compile(
    r"""\b(\w{3,}ed|said|says|say|told|tells|is|are|was|were|has|have|had|will|would|could|can|may|might|must
    |should|rose|rises|fell|falls|grew|hit|struck|met|took|came|went|made|gave|left|began|sent|put|set|led|won
    |lost|held|kept|stood|ran|saw|became|remain|remains|stands|reached|warned|killed|died|fled|spoke|wrote)\b""",
    re.IGNORECASE | re.VERBOSE,
)


def words(line: str) -> int:
    """Count word-like tokens."""
    return len(_WORD.findall(line))


def is_terminal(line: str) -> bool:
    """The line ends a sentence (full stop, question or exclamation mark, maybe a closing quote or [1])."""
    return bool(_TERMINAL.search(line.rstrip()))


def reads_as_reportage(line: str) -> bool:
    """A full sentence with a verb and a number or a name, in the third person, not addressed to the reader.

    A copyright notice is no reportage, whatever names and numbers it holds.
    """
    return (
        is_terminal(line)
        and not _LEGAL.search(line)
        and words(line) >= 6
        and bool(_FACT.search(line))
        and bool(_VERB.search(line))
        and not _READER.search(line)
        and not _IMPERATIVE.match(line)
    )


def is_cut(line: str) -> bool:
    """The line ends in an ellipsis, as a teaser cut short does (and, now and then, a sentence that trails off)."""
    return bool(_CUT.search(line))


def chrome_reason(line: str) -> str | None:
    """Why a line is page furniture ('page furniture: "Share on"'), or None when it is not."""
    if words(line) > MAX_CHROME_WORDS or reads_as_reportage(line):
        return None
    shape = _shape(line.strip())
    if shape:
        return f"page furniture: {shape}"
    m = _ALWAYS.search(line) or _MENU.search(line)
    return f'page furniture: "{" ".join(m.group(0).split())}"' if m else None


def _shape(line: str) -> str | None:
    """Furniture known by its shape alone: a web address, a menu bar, a breadcrumb trail."""
    if _ADDRESS.match(line):
        return "a web address"
    if is_terminal(line):
        return None
    if _MENU_BAR.match(line):
        return "a menu bar"
    return "a breadcrumb trail" if _BREADCRUMB.match(line) else None


def is_boilerplate(line: str) -> bool:
    """Page furniture: share buttons, comment prompts, ad notices, subscriptions, copyright, menus."""
    return chrome_reason(line) is not None
