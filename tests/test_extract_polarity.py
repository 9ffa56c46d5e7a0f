"""Table tests for the polarity of a claim: assert, deny, modal or report, with the proposition's core."""

from __future__ import annotations

import pytest

from factcheck.extract import extract_facts
from factcheck.extract.polarity import (
    Core,
    Polarity,
    core,
    has_cue,
    polarities,
    polarity_facts,
    readings,
    recase,
    sentence_readings,
    to_fact,
)

# (text, kind, cue as written or "" for assert)
KINDS = [
    # negated main verb
    ("The actor will not play the inventor in the new biopic.", "deny", "not"),
    ("The mayor didn't resign on Monday.", "deny", "n't"),
    ("The striker no longer plays for the club.", "deny", "no"),
    ("The band has never toured in Asia.", "deny", "never"),
    ("Nobody has found the missing painting.", "deny", "Nobody"),
    ("There is no evidence of a leak at the plant.", "deny", "no"),
    # denial verbs with their complement
    ("The minister denies that she leaked the memo.", "deny", "denies"),
    ("The bank rejected reports that it would close its branches.", "deny", "rejected"),
    ("The museum refuted the story about a stolen statue.", "deny", "refuted"),
    ("The ministry dismissed claims that troops had crossed the border.", "deny", "dismissed"),
    ("The brewer denies rumours of a new lemon beer.", "deny", "denies"),
    ("The claim was debunked by researchers.", "deny", "debunked"),
    # truth-value words about the claim
    ("The photo of the shark on the highway is fake.", "deny", "fake"),
    ("Claims that the bridge collapsed are false.", "deny", "false"),
    ("Reports that the plant will close are untrue.", "deny", "untrue"),
    ("The viral video of the flooded airport is a hoax.", "deny", "hoax"),
    ("Singer NOT Dead: Death Hoax Spreads Online.", "deny", "NOT"),
    ("Reports Of Bridge Collapse Untrue.", "deny", "Untrue"),
    # modality: neither assertion nor denial
    ("The company may cut 500 jobs next year.", "modal", "may"),
    ("The minister might resign this week.", "modal", "might"),
    ("Prices could rise again in spring.", "modal", "could"),
    ("The coach reportedly left the club.", "modal", "reportedly"),
    ("The factory is expected to reopen in May.", "modal", "expected"),
    ("The team may not play on Sunday.", "modal", "not"),
    ("Did the company hide the losses?", "modal", "?"),
    ("Regulators are probing whether the bank hid the losses.", "modal", "whether"),
    # observing or attributing a rumour
    ("Reports say the company will cut 500 jobs.", "report", "say"),
    ("The singer is engaged, according to a tabloid.", "report", "according"),
    ("Rumours that the striker will leave the club are growing.", "report", "Rumours"),
    ("The striker is said to be leaving the club.", "report", "said"),
    ("Carmaker to cut 2,000 jobs: report.", "report", "report"),
    # a denial inside a report or an attribution still denies
    ("The patient was said not to have the virus.", "deny", "not"),
    ("The club did not confirm reports that the coach had quit.", "deny", "not"),
    # negation outside the main claim does not flip it
    ("If the talks do not resume, the minister will resign.", "assert", ""),
    ("The minister, who did not attend the meeting, resigned on Friday.", "assert", ""),
    ("Because the club did not pay its debts, the league expelled it.", "assert", ""),
    ("Despite no agreement on prices, the summit ended on time.", "assert", ""),
    # not negations, not denials
    ("Not only did the river flood the town, it also cut the power.", "assert", ""),
    ("The spokesman had no comment on the merger.", "assert", ""),
    ("The result was nothing short of a miracle.", "assert", ""),
    ("Don't miss the final on Saturday.", "assert", ""),
    ("The court denied bail to the suspect.", "assert", ""),
    ("The ministry confirmed the plan on Tuesday.", "assert", ""),
    ("Police said the fire started in the kitchen.", "assert", ""),
    # declining to tell, "not until" and "not because" commit to neither side
    ("The hospital would not say whether the patient had the virus.", "modal", "not"),
    ("It was not immediately clear who owned the boat.", "modal", "not"),
    ("The agency has not released a list of the victims.", "modal", "not"),
    ("The victim's name will not be released until relatives are told.", "modal", "not"),
    ("Not because the coach was ever short of ideas.", "modal", "Not"),
    # a negation inside brackets is an aside
    ("The council (which did not vote) approved the budget.", "assert", ""),
]


@pytest.mark.parametrize(("text", "kind", "cue"), KINDS, ids=[k[0][:50] for k in KINDS])
def test_polarity_kind_and_cue(text: str, kind: str, cue: str) -> None:
    (p,) = polarities([text], parse_all=True)
    assert (p.kind, p.cue) == (kind, cue)
    assert text[p.start : p.end] == p.cue


# (text, predicate, subject, object): the proposition a checker matches across claims
CORES = [
    ("The actor will not play the inventor in the new biopic.", "play", "actor", "inventor"),
    ("The actor is to play the inventor in the new biopic.", "play", "actor", "inventor"),
    ("Actor to play inventor in biopic.", "play", "actor", "inventor"),
    ("The mayor did not resign.", "resign", "mayor", None),
    ("The minister denies that she leaked the memo.", "leak", "she", "memo"),
    ("The ministry dismissed claims that troops had crossed the border.", "cross", "troop", "border"),
    ("Claims that the bridge collapsed are false.", "collapse", "bridge", None),
    ("The singer is not dead.", "dead", "singer", None),
    ("The company may cut 500 jobs next year.", "cut", "company", "job"),
    ("Reports say the company will cut 500 jobs.", "cut", "company", "job"),
    ("The factory is expected to reopen in May.", "reopen", "factory", None),
    ("The brewer denies rumours of a new lemon beer.", "beer", "brewer", "lemon"),
    # a denial verb's clause wins over its object
    ("The actress slams rumours that the producer harassed her.", "harass", "producer", "she"),
    # a prepositional object when there is no direct one; a nominal proposition's "of" phrase and possessor
    ("The patient was not treated for malaria.", "treat", "patient", "malaria"),
    ("The plan was not approved by the council.", "approve", "council", "plan"),
    ("There is a case of malaria in the town.", "case", None, "malaria"),
    ("The claim that the dam burst is false.", "burst", "dam", None),
    ("Reports on the singer's death are false.", "death", "singer", None),
]


@pytest.mark.parametrize(("text", "predicate", "subject", "obj"), CORES, ids=[c[0][:50] for c in CORES])
def test_polarity_core(text: str, predicate: str, subject: str | None, obj: str | None) -> None:
    (p,) = polarities([text], parse_all=True)
    assert p.core == Core(predicate, subject, obj)


def test_denial_and_announcement_share_a_core() -> None:
    deny, claim = polarities(["The actor will not play the inventor.", "The actor to play the inventor."], True)
    assert (deny.kind, claim.kind) == ("deny", "assert")
    assert deny.core == claim.core


def test_plain_sentences_are_not_parsed_and_carry_no_fact() -> None:
    text = "The bridge opened to traffic in 1932."
    assert not has_cue(text)
    assert polarities([text]) == [Polarity()]
    assert polarity_facts([text]) == [[]]


def test_fact_round_trip() -> None:
    text = "The actor will not play the inventor."
    (facts,) = polarity_facts([text])
    (fact,) = facts
    assert (fact.type, fact.value, fact.text, fact.label) == ("polarity", "deny", "not", "play")
    assert fact.qualifier == "subject=actor;object=inventor"
    assert text[fact.start : fact.end] == "not"
    assert core(fact) == Core("play", "actor", "inventor")
    assert to_fact(Polarity("modal", "may", 4, 7, Core("cut"))).qualifier is None


def test_extract_facts_carries_polarity_next_to_negation_cues() -> None:
    (facts,) = extract_facts(["The mayor did not resign on Monday."], [None])
    types = {f.type: f for f in facts}
    assert types["polarity"].value == "deny"
    assert types["negation"].value == "negative"


def test_recase_keeps_offsets_and_leaves_prose_alone() -> None:
    headline = "Singer NOT Dead: Death Hoax Spreads Online"
    assert recase(headline) == "Singer not dead: death hoax spreads online"
    assert len(recase("İstanbul Mayor Denies Report")) == len("İstanbul Mayor Denies Report")
    prose = "The Mayor of London said on Monday that he would stay."
    assert recase(prose) == prose


def test_polarity_is_the_strongest_over_sentences_and_deterministic() -> None:
    text = "Fans were thrilled. The band did not split."
    (p,) = polarities([text], parse_all=True)
    assert p.kind == "deny" and p.core.predicate == "split"
    assert polarities([text, text], parse_all=True) == [p, p]


def test_forked_parse_gives_the_same_polarities(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many texts to parse share the parser between forked workers; the result must equal the single-process one."""
    from factcheck.extract import polarity

    texts = [f"The ministry denied reports that {n} soldiers had been killed." for n in range(30)]
    texts += ["Officials said the talks may resume on Monday.", "The bridge reopened.", "IBM denies plans to cut jobs"]
    monkeypatch.setattr(polarity, "PARALLEL_FROM", 10**9)
    single = polarities(texts)
    monkeypatch.setattr(polarity, "PARALLEL_FROM", 5)
    assert polarities(texts) == single
    assert {p.kind for p in single} == {"deny", "modal", "assert"}


def test_readings_parse_every_text_with_content_and_negated_lemmas() -> None:
    stopped, spared, plain = readings(["The chain stopped selling the pills.", "All escaped without injury.",
                                       "The chain sells the pills."])  # fmt: skip
    assert "sell" in stopped.negated and "injury" in spared.negated and not plain.negated
    assert plain.polarity.core == Core("sell", "chain", "pill") and {"chain", "pill"} <= plain.nouns
    assert {"sell", "chain", "pill"} <= plain.lemmas


def test_sentence_readings_read_each_sentence_on_its_own() -> None:
    ((first, a), (second, b)) = sentence_readings(["The band toured Asia. It did not split."])[0]
    assert (first, second) == ("The band toured Asia.", "It did not split.")
    assert (a.polarity.kind, b.polarity.kind, b.polarity.cue) == ("assert", "deny", "not")
