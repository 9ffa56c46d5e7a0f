"""Pair-mode contradictions from clause structure: a participant swapped for one event, and 'without X' vs X."""

from __future__ import annotations

import pytest

from factcheck.compare.frames import Scene, frame, scene
from factcheck.compare.roles import absence_conflict, role_conflict
from factcheck.extract.polarity import nlp
from factcheck.pairs import compare_pair

from .fakes import FakeEmbedder


def _scene(text: str) -> Scene:
    return scene(nlp()(text))


def _conflict(a: str, b: str) -> str | None:
    sa, sb = _scene(a), _scene(b)
    return absence_conflict(sa, sb) or role_conflict(sa, sb)


def test_a_relative_pronoun_stands_for_the_noun_it_describes():
    doc = nlp()("The mayor, who would later die in a car crash, left early.")
    died = next(t for t in doc if t.lemma_ == "die")
    assert frame(died).roles["subj"].head == "mayor"


def test_a_control_verb_lends_its_object_as_the_subject():
    doc = nlp()("The union asked the government to investigate the company.")
    verb = next(t for t in doc if t.lemma_ == "investigate")
    assert frame(verb).roles["subj"].head == "government"


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (  # the same event verb, another person as its subject, the person named elsewhere in A
            "The ambassador hosted the dinner, while the mayor, who would later die in a car crash, left early.",
            "The ambassador died in a car crash.",
            "B gives 'ambassador' as the subject of 'die' where A gives 'mayor' (A names 'ambassador' elsewhere)",
        ),
        (  # who reports a finding did not make it
            "A private laboratory found traces of lead in the water, according to the ministry.",
            "The ministry found traces of lead in the water.",
            "B gives 'ministry' as the subject of 'find' where A gives 'laboratory' (A names 'ministry' elsewhere)",
        ),
        (  # the same subject and verb, another object
            "The drug causes drowsiness, and patients with insomnia take it at night.",
            "The drug causes insomnia.",
            "B gives 'insomnia' as the object of 'cause' where A gives 'drowsiness' (A names 'insomnia' elsewhere)",
        ),
        (  # a place given through 'where'
            "Norway is the only country where the festival is held in winter. Sweden hosts a summer market.",
            "The festival is held in Sweden.",
            "B gives 'Sweden' as the place of 'hold' where A gives 'country' (A names 'sweden' elsewhere)",
        ),
        (  # two proper names for one role
            "The series was created by illustrators like Anna Berg and Tom Kell.",
            "The series was created by Max Holm.",
            "B gives 'Max Holm' as the subject of 'create' where A gives 'illustrators' (different names)",
        ),
    ],
)
def test_a_swapped_participant_is_a_role_contradiction(a: str, b: str, reason: str):
    assert role_conflict(_scene(a), _scene(b)) == reason


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # B adds someone A never mentions: more detail, not a contradiction
        ("A private laboratory found traces of lead in the water.", "The ministry found traces of lead in the water."),
        # a pronoun: who died cannot be told
        ("The minister thanked the nurses. She died in a car crash in 2010.", "The minister died in a car crash."),
        # one of two coordinated subjects
        ("The mayor and the governor signed the treaty.", "The governor signed the treaty."),
        # an apposition and its relative clause describe the same person
        ("Ann Lee, a chemist who discovered the enzyme in 1990, retired.", "Ann Lee discovered the enzyme in 1990."),
        ("The union asked the government to investigate the company.", "The government investigates the company."),
        # a common noun against a name: the illustrators may include him
        ("The series was created by illustrators.", "The series was created by Max Holm."),
        # a country that holds the city
        ("The festival is held in Oslo, Norway, every winter.", "The festival is held in Norway."),
        # a clause that says just what B says
        ("The firm hired Ann Lee. Ann Lee hired Tom Kell.", "Ann Lee hired Tom Kell."),
        # 'the firm' may be the company named elsewhere
        ("Acme Corp expanded quickly, and the firm opened a new plant in Ohio.", "Acme Corp opened a new plant."),
        # 'others': which others, the text does not say
        ("Some ministers backed the plan and others opposed it.", "Others backed the plan."),
        # two sources may each report the same thing
        ("Rival shares fell after Lowe reported a rise in profit.", "Rival reported a rise in profit."),
        # one person under a longer and a shorter name
        ("Navy Capt. John Reed Jr. signed the order.", "John Reed signed the order."),
    ],
)
def test_no_role_contradiction_without_a_real_swap(a: str, b: str):
    assert _conflict(a, b) is None


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (
            "The plane landed safely without injuries to passengers.",
            "Injuries to passengers were reported after the plane landed.",
            "A says there is no 'injury' ('without injuries') while B states it",
        ),
        (
            "The council did not have any plans for a new stadium.",
            "Plans for a new stadium were unveiled by the council.",
            "A says there is no 'plan' ('not have plans') while B states it",
        ),
        (
            "Survivors of the crash were taken to hospital.",
            "There were no survivors of the crash.",
            "B says there is no 'survivor' ('no survivors') while A states it",
        ),
    ],
)
def test_what_one_says_is_absent_the_other_states(a: str, b: str, reason: str):
    assert absence_conflict(_scene(a), _scene(b)) == reason


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Without the new dam, the valley would flood every spring.", "The new dam protects the valley."),
        ("If the firm had no licence, the mine would close.", "The firm got a licence for the mine."),
        ("The surgeon is not a doctor of the clinic.", "The doctor of the clinic arrived late."),
        ("The ferry sailed without passengers.", "Passengers bought tickets for the match."),  # nothing else shared
    ],
)
def test_a_supposed_or_predicated_absence_is_not_a_contradiction(a: str, b: str):
    assert absence_conflict(_scene(a), _scene(b)) is None


def test_pair_mode_reports_the_swap_and_the_absence():
    verdict = compare_pair("The drug causes drowsiness, and patients with insomnia take it at night.",
                           "The drug causes insomnia.", FakeEmbedder())  # fmt: skip
    assert (verdict.label, verdict.type) == ("contradiction", "role")
    verdict = compare_pair("There were no survivors of the crash.", "Survivors of the crash were taken to hospital.",
                           FakeEmbedder())  # fmt: skip
    assert (verdict.label, verdict.type) == ("contradiction", "negation")
