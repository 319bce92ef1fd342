"""Short person names linked to the full name of the same article (kg.name_tails)."""

from kg.model import MODEL_VIA, Mention
from kg.name_tails import link_name_tails
from kg.pipeline import Pipeline
from kg.reader import article_from_text


def _person(text: str, entity_id: str, via: str = MODEL_VIA, sentence: int = 0) -> Mention:
    return Mention(sentence, 0, len(text), 0, len(text.split()), text, entity_id, entity_id, "Person", via, "test")


def test_the_last_name_takes_the_full_names_entity():
    full = _person("الرئيس محمد بخاري", "muhammadu_buhari", via="title+name")
    short = _person("بخاري", "Person/bxAry", sentence=3)
    assert [m.entity_id for m in link_name_tails([full, short])] == ["muhammadu_buhari", "muhammadu_buhari"]


def test_two_people_with_the_name_stay_apart_and_others_are_untouched():
    first = _person("سامر خليل", "Person/sAmr_xlyl")
    second = _person("رامي خليل", "Person/rAmy_xlyl")
    short = _person("خليل", "Person/xlyl")
    known = _person("خليل", "someone_known", via="alias")  # the gazetteer's own link is not second-guessed
    assert [m.entity_id for m in link_name_tails([first, second, short, known])] == [
        "Person/sAmr_xlyl", "Person/rAmy_xlyl", "Person/xlyl", "someone_known"]


def test_in_the_pipeline_the_short_names_relation_joins_the_full_name():
    text = "التقى الرئيس محمد بخاري وزير الخارجية أمس.\nوزار بخاري الكاميرون الأسبوع الماضي."
    result = Pipeline(("gazetteer", "ner"), ("rules",))(article_from_text("doc", text, title="بخاري في الكاميرون"))
    subjects = {r.subject_id for r in result.relations if r.relation == "visits"}
    assert subjects == {"muhammadu_buhari"}


def test_a_family_name_the_ner_took_for_a_place_is_the_person():
    full = _person("برناردينو ليون", "bernardino_leon", via="alias")
    lyon = Mention(2, 0, 4, 0, 1, "ليون", "Place/lywn", "Place/lywn", "Place", MODEL_VIA, "test")
    linked = link_name_tails([full, lyon])[1]
    assert (linked.entity_id, linked.type) == ("bernardino_leon", "Person")


def test_a_place_with_no_person_of_that_name_stays_a_place():
    full = _person("برناردينو ليون", "bernardino_leon", via="alias")
    place = Mention(2, 0, 4, 0, 1, "باريس", "Place/bArys", "Place/bArys", "Place", MODEL_VIA, "test")
    assert link_name_tails([full, place])[1] == place
