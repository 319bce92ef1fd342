"""Constructions of news text the relation stage reads (session 13): places a
classifier noun names, fighters referred back to, verbs sharing a subject,
force adjectives, a title joined to a name by و, and the author of a
condemned act."""

from kg.extractors.attachment_discourse import verb_gender
from kg.naming import discovered_entity, discovered_id, person_label
from kg.pipeline import Pipeline
from kg.place_names import CLASSIFIER_VIA
from kg.reader import article_from_text

GAZETTEER_ONLY = Pipeline(("gazetteer",), ("rules",))


def _run(text: str):
    return GAZETTEER_ONLY(article_from_text("doc", text, title=""))


def _triples(text: str) -> set[tuple[str, str, str]]:
    return {(r.subject_id, r.relation, r.object_id) for r in _run(text).relations}


def test_a_word_after_a_place_classifier_is_a_place_every_stage_sees():
    result = _run("استعاد الجيش اليمني بلدة المسيمير أمس.")
    places = [m for m in result.mentions if m.via == CLASSIFIER_VIA]
    assert [(m.text, m.type) for m in places] == [("المسيمير", "Place")]
    assert [r.object_id for r in result.relations if r.relation == "takes_control_of"] == [places[0].entity_id]


def test_an_adjective_after_a_classifier_is_no_place():
    result = _run("وصل الوفد إلى مدينة كبيرة في الشمال.")
    assert not [m for m in result.mentions if m.via == CLASSIFIER_VIA]


def test_the_fighters_refer_back_to_the_one_insurgent_group_just_named():
    text = "قتلت حركة بوكو حرام 13 شخصا في قرية مالاري.\nوالسبت، هاجم المسلحون مدينة غامبورو."
    attacks = {(s, o) for s, r, o in _triples(text) if r == "attacks"}
    assert ("boko_haram", discovered_id("غامبورو", "Place")) in attacks


def test_with_no_group_or_a_state_army_on_stage_the_fighters_stay_generic():
    alone = {(s, r) for s, r, _ in _triples("هاجم المسلحون مدينة غامبورو.")}
    assert ("gunmen", "attacks") in alone
    text = "قصف الجيش النيجيري مواقع في الغابة.\nوالسبت، هاجم المسلحون مدينة غامبورو."
    assert ("gunmen", "attacks") in {(s, r) for s, r, _ in _triples(text)}


def test_a_verb_joined_by_waw_shares_the_event_verbs_subject():
    text = "اقتحم مسلحو المقاومة الشعبية قرية حدنان وسيطروا على مدينة لودر."
    control = {(s, r) for s, r, o in _triples(text) if r == "takes_control_of"}
    assert control == {("popular_resistance_yemen", "takes_control_of")}


def test_a_force_adjective_may_stand_between_the_head_and_the_state_adjective():
    assert ("turkey", "attacks", "islamic_state") in _triples("وقصفت طائرات حربية تركية مواقع داعش في سوريا.")


def test_a_title_is_not_bound_to_a_name_joined_to_it_by_waw():
    result = _run("وأكد المتحدث أن الرئيس وكيري اتفقا على أهمية الجهود.")
    kerry = [m for m in result.mentions if m.entity_id == "john_kerry"]
    assert kerry and all(not m.text.startswith("الرئيس") for m in kerry)


def test_a_condemned_act_puts_its_author_in_the_objects_place():
    assert ("united_arab_emirates", "condemns", "islamic_state") in _triples(
        "وأدانت الإمارات الجريمة البشعة التي ارتكبها تنظيم داعش.")
    # with no relative clause naming an author, nothing is made up
    assert not [t for t in _triples("وأدانت الإمارات الجريمة البشعة.") if t[1] == "condemns"]


def test_a_discovered_place_gets_the_romanised_label_a_reader_expects():
    label = person_label("حدنان")
    entity = discovered_entity(discovered_id("حدنان", "Place"))
    assert entity.label == (label or "HdnAn")
    organisation = discovered_id("لواء المجد", "Organization")
    assert discovered_entity(organisation).label == organisation.split("/", 1)[1].replace("_", " ")


def test_a_sentence_that_opens_with_a_verb_goes_on_about_the_previous_subject():
    text = "وغادر جون كيري واشنطن في جولة.\nوسيحط أولا في سنغافورة.\nثم يزور ماليزيا الأسبوع المقبل."
    visits = {o for s, r, o in _triples(text) if r == "visits" and s == "john_kerry"}
    assert {"singapore", "malaysia"} <= visits


def test_a_noun_after_the_opening_verb_is_its_own_subject_not_the_previous_one():
    text = "وقال جون كيري إن الوضع صعب.\nكما دانت الأمانة العامة للجامعة الهجوم على تركيا."
    assert not [t for t in _triples(text) if t[0] == "john_kerry" and t[1] == "condemns"]


def test_verb_gender_from_its_letters():
    assert [verb_gender(w) for w in ("يزور", "وسيزور", "دعا", "قالت", "اتهمت", "زاروا", "توجه")] == [
        "m", "m", "m", "f", "f", None, None]


def test_a_relative_clause_verb_takes_its_antecedent_as_subject():
    text = "وقال مصدر إن المتمردين الحوثيين الذين سيطروا على صنعاء هاجموا المدينة."
    assert ("houthis", "takes_control_of", "sanaa") in _triples(text)


def test_with_an_object_pronoun_the_antecedent_is_what_was_done_to():
    text = "وزار الرئيس المدينة التي قصفها تنظيم داعش."
    assert not [t for t in _triples(text) if t[1] == "attacks" and t[2] == "islamic_state"]


def test_a_verbal_noun_with_its_owner_is_read_as_well_as_a_verb_with_its_object():
    from kg.lexicon import load_lexicon

    readings = {t.pos for t in load_lexicon().readings("سيطرتها")}
    assert {"verb", "noun"} <= readings
    text = "أحكم تنظيم داعش سيطرته على مدينة الرمادي."
    assert ("islamic_state", "takes_control_of", "ramadi") in _triples(text)


def test_a_name_backed_by_another_is_supported_by_it():
    text = "وتقدمت القوات العراقية المدعومة من التحالف الدولي نحو الرمادي."
    assert ("global_coalition_to_defeat_isis", "supports", "iraqi_armed_forces") in _triples(text)
    assert not [t for t in _triples("قاتلت الفصائل المدعومة بقوة.") if t[1] == "supports"]


def test_a_classifier_noun_the_ner_tagged_alone_is_no_mention():
    text = "وقتل القيادي أثناء عودته من اجتماع في مدينة اعزاز في ريف حلب الشمالي إلى مقره."
    result = Pipeline()(article_from_text("doc", text, title=""))
    assert "ريف" not in {m.text for m in result.mentions}
    assert {r.object_id for r in result.relations if r.subject_id == "azaz" and r.relation == "located_in"} == {"aleppo"}
