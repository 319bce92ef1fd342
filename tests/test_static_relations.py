"""official_of / member_of from titles around any person, part_of for named
state bodies, located_in from the wording, and English labels for the
people the gazetteer lacks. Sentences written for these tests.

The statistical NER is replaced by spans given by hand (as the NER would
tag them), so each test checks the static rules and not the model's recall.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extractors.gazetteer import GazetteerExtractor
from kg.extractors.model_mentions import PredictedSpan, mentions_from_spans
from kg.extractors.static import StaticRelationExtractor
from kg.gazetteer import load_gazetteer
from kg.model import Mention
from kg.naming import discovered_entity, discovered_id, person_label
from kg.pipeline import merge_mentions
from kg.reader import article_from_text
from kg.text import split_sentences

DATE = dt.date(2015, 8, 1)


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="module")
def extract(gaz):
    gazetteer = GazetteerExtractor(gaz)
    static = StaticRelationExtractor(gaz)

    def run(text: str, names: dict[str, str] | None = None, date: dt.date | None = DATE):
        """Relations of `text`; `names` maps a phrase of the text to the NER
        label it is given (PERS, ORG, LOC)."""
        article = article_from_text("t", text, metadata_date=date)
        sentences = split_sentences(article.text, article.headline_end)
        mentions: list[Mention] = list(gazetteer(article, sentences))
        for phrase, label in (names or {}).items():
            mentions.extend(_model_mentions(sentences, phrase, label, gaz))
        found = static(article, sentences, merge_mentions(mentions))
        return {(r.subject_id, r.relation, r.object_id): r for r in found}

    return run


def _model_mentions(sentences, phrase: str, label: str, gaz) -> list[Mention]:
    words = phrase.split()
    out = []
    for sentence in sentences:
        texts = [t.text for t in sentence.tokens]
        for i in range(len(texts) - len(words) + 1):
            if texts[i:i + len(words)] == words:
                out.extend(mentions_from_spans(sentence, [PredictedSpan(i, i + len(words), label, 0.75)], "ner", gaz))
    assert out, f"{phrase!r} not in the text"
    return out


def person(name: str) -> str:
    return discovered_id(name, "Person")


def place(name: str) -> str:
    return discovered_id(name, "Place")


# ---- official_of / member_of ----------------------------------------------------------

def test_title_before_a_name_only_the_ner_found(extract):
    found = extract("قال وزير الزراعة الأردني سامر الخطيب إن المحصول وفير.", {"سامر الخطيب": "PERS"})
    relation = found[(person("سامر الخطيب"), "official_of", "jordan")]
    assert relation.role == "agriculture_minister"


def test_title_in_apposition_names_an_organisation(extract):
    text = "وقال كريم الحداد، الممثل الخاص للأمين العام للأمم المتحدة في ليبيا، إن الحوار مستمر."
    assert (person("كريم الحداد"), "official_of", "united_nations") in extract(text, {"كريم الحداد": "PERS"})


def test_apposition_without_comma_after_a_reporting_verb(extract):
    text = "وأكد ماهر العلي نائب رئيس الجمهورية العراقية أن الوضع مستقر."
    assert (person("ماهر العلي"), "official_of", "iraq") in extract(text, {"ماهر العلي": "PERS"})


def test_leader_and_member_of_a_movement(extract):
    found = extract("وقال رئيس المكتب السياسي لحركة حماس سامر الخطيب إن الهدنة صامدة.", {"سامر الخطيب": "PERS"})
    assert (person("سامر الخطيب"), "official_of", "hamas") in found
    found = extract("وقال ماهر العلي القيادي في حركة حماس إن الهدنة صامدة.", {"ماهر العلي": "PERS"})
    assert (person("ماهر العلي"), "member_of", "hamas") in found


def test_the_title_of_a_titles_owner_names_no_one_on_stage(extract):
    found = extract("أعلن برناردينو ليون، الممثل الخاص للأمين العام للأمم المتحدة في ليبيا، رفضه.",
                    date=dt.date(2015, 7, 31))
    assert ("bernardino_leon", "official_of", "united_nations") in found
    assert [s for s, r, _ in found if r == "official_of"] == ["bernardino_leon"]


def test_a_legislator_is_a_member_of_the_chamber_the_article_names(extract):
    found = extract("ناقش مجلس النواب الأمريكي الاتفاق. وقال النائب اليوت انجل إنه قلق.")
    assert ("eliot_engel", "member_of", "united_states_house_of_representatives") in found


def test_a_legislator_with_no_chamber_or_two_is_no_ones_member(extract):
    assert not any(r == "member_of" for _, r, _ in extract("وقال النائب اليوت انجل إنه قلق."))
    two = extract("ناقش مجلس النواب الأمريكي والبرلمان العراقي الاتفاق. وقال النائب اليوت انجل إنه قلق.")
    assert not any(r == "member_of" for _, r, _ in two)


def test_the_deputy_crown_prince_by_the_office_records(extract):
    found = extract("قال ولي ولي العهد السعودي إن المملكة ماضية في خططها.", date=dt.date(2015, 8, 1))
    assert ("mohammed_bin_salman", "official_of", "saudi_arabia") in found
    found = extract("قال ولي ولي العهد السعودي إن المملكة ماضية في خططها.", date=dt.date(2015, 3, 1))
    assert ("muhammad_bin_nayef", "official_of", "saudi_arabia") in found


def test_former_title_gives_nothing(extract):
    names = {"سامر الخطيب": "PERS"}
    assert not any(r == "official_of" for _, r, _ in extract("قال وزير الزراعة الأردني السابق سامر الخطيب إن المحصول وفير.", names))
    assert not any(r == "official_of" for _, r, _ in extract("قال سامر الخطيب، وزير الزراعة الأردني الأسبق، إن المحصول وفير.", names))


def test_object_of_a_verb_is_not_in_apposition(extract):
    # استقبل X رئيس الوزراء الأردني: two people, X is not Jordan's prime minister
    found = extract("استقبل سامر الخطيب رئيس الوزراء الأردني في مكتبه.", {"سامر الخطيب": "PERS"})
    assert not any(s == person("سامر الخطيب") for s, _, _ in found)


def test_conjoined_title_belongs_to_the_next_person(extract):
    found = extract("وحضر سامر الخطيب ووزير الزراعة الأردني اللقاء.", {"سامر الخطيب": "PERS"})
    assert not any(s == person("سامر الخطيب") for s, _, _ in found)


def test_title_of_another_state_than_the_records_say(extract):
    # the office records put Erdogan in Turkey's offices only
    found = extract("وقال وزير الزراعة المصري رجب طيب أردوغان كلاما غريبا.")
    assert ("recep_tayyip_erdogan", "official_of", "egypt") not in found


def test_nested_title_gives_its_state_not_the_destination(extract):
    text = "وصل المبعوث الخاص للرئيس الروسي إلى سوريا سامر الخطيب أمس."
    found = extract(text, {"سامر الخطيب": "PERS"})
    assert (person("سامر الخطيب"), "official_of", "russia") in found
    assert (person("سامر الخطيب"), "official_of", "syria") not in found


def test_bare_title_uses_the_office_records_at_the_article_date(extract):
    assert ("barack_obama", "official_of", "united_states") in extract("وقال الرئيس باراك أوباما إن الاتفاق جيد.")
    assert not extract("وقال الرئيس باراك أوباما إن الاتفاق جيد.", date=None)


def test_bare_title_after_a_name_takes_the_state_adjective_before_it(extract):
    text = "والتقى الجزائري كريم الحداد، وزير الشؤون المغاربية، بالوفد."
    assert (person("كريم الحداد"), "official_of", "algeria") in extract(text, {"كريم الحداد": "PERS"})


def test_a_named_person_displaces_the_holder_of_the_title(extract):
    # the records give Lavrov for this title, but the text names someone else
    found = extract("وقال وزير الخارجية الروسي سامر الخطيب إن الحوار مستمر.", {"سامر الخطيب": "PERS"})
    assert (person("سامر الخطيب"), "official_of", "russia") in found
    assert ("sergey_lavrov", "official_of", "russia") not in found


def test_deputy_title_is_not_the_minister(gaz):
    article = article_from_text("t", "قال نائب وزير الخارجية الروسي للصحفيين إن الحوار مستمر.", metadata_date=DATE)
    sentences = split_sentences(article.text, article.headline_end)
    assert not any(m.entity_id == "sergey_lavrov" for m in GazetteerExtractor(gaz)(article, sentences))


# ---- part_of -------------------------------------------------------------------------

def test_templated_state_bodies(extract, gaz):
    found = extract("أعلنت وزارة الصحة العراقية والشرطة الإسرائيلية ووزارة الخارجية الأمريكية ما جرى.")
    assert ("mohealth_iraq", "part_of", "iraq") in found
    police = gaz.entity("police_israel") if "police_israel" in gaz.entities else gaz.entity("israel_police")
    assert (police.id, "part_of", "israel") in found
    assert ("mfa_united_states", "part_of", "united_states") in found
    assert police.label == "Israel Police"
    assert gaz.entity("mfa_united_states").label == "United States Department of State"
    assert gaz.entity("mfa_turkey").label == "Ministry of Foreign Affairs of Turkey"
    assert gaz.entity("mod_iraq").label == "Ministry of Defence (Iraq)"


def test_template_yields_to_a_hand_made_government_and_overrides_merge(gaz):
    governments = [e for e in gaz.entities.values() if e.link("government_of")]
    generated = [e for e in governments if e.id == "government_" + e.link("government_of")]
    by_hand = {e.link("government_of") for e in governments if e not in generated}
    assert "iraq" in by_hand and "government_iraq" not in gaz.entities
    assert generated and all(e.link("government_of") not in by_hand for e in generated)
    assert all(e.label == f"Government of {gaz.entity(e.link('government_of')).label}" for e in generated)
    assert "البرلمان الإسرائيلي" in gaz.entity("knesset").aliases_ar


def test_state_body_the_ner_found(extract):
    found = extract("قالت هيئة الطيران المدني الأردنية إن الرحلات مستمرة.", {"هيئة الطيران المدني": "ORG"})
    assert (discovered_id("هيئة الطيران المدني", "Organization"), "part_of", "jordan") in found
    found = extract("قالت صحيفة الغد الأردنية إن الرحلات مستمرة.", {"صحيفة الغد": "ORG"})
    assert not any(r == "part_of" for _, r, _ in found)


# ---- located_in ----------------------------------------------------------------------

def test_classifier_name_and_state_adjective(extract):
    found = extract("وصل الوفد إلى مدينة زبيد اليمنية صباحا.")
    assert (place("زبيد"), "located_in", "yemen") in found


def test_place_in_a_state_and_compass_words(extract):
    found = extract("تقدمت القوات في محافظة الرقة في سوريا وفي مدينة زاراكو جنوب باكستان.", {"زاراكو": "LOC"})
    assert ("raqqa", "located_in", "syria") in found
    assert (place("زاراكو"), "located_in", "pakistan") in found


def test_place_in_construct_with_its_state_and_the_capital_of_a_state(extract):
    found = extract("زار الوزير إقليم كردستان العراق ثم العاصمة العراقية بغداد.")
    assert ("kurdistan_region", "located_in", "iraq") in found
    assert ("baghdad", "located_in", "iraq") in found


def test_seat_word(extract):
    found = extract("وقعت الهجمات في مدينة كاتسينا عاصمة ولاية زمفرة.", {"كاتسينا": "LOC", "زمفرة": "LOC"})
    assert (place("كاتسينا"), "located_in", place("زمفرة")) in found


def test_seat_word_before_a_name_that_opens_with_its_classifier(extract):
    # the gazetteer's name of the state is «ولاية بورنو», classifier included
    found = extract("قتل عشرة أشخاص قرب مايدوغوري عاصمة ولاية بورنو.")
    assert ("maiduguri", "located_in", "borno_state") in found


def test_a_junction_named_after_its_classifier(extract):
    found = extract("سيطرت القوات على مثلث العلم في محافظة لحج.")
    assert (place("العلم"), "located_in", "lahij_governorate") in found


def test_place_where_something_happens_is_not_a_container(extract):
    found = extract("اجتمع رئيس بلدية حلب في إسطنبول مع الوفد.")
    assert not any(r == "located_in" for _, r, _ in found)
    found = extract("التقى الوزيران في موسكو في زيارة قصيرة.")
    assert not any(r == "located_in" for _, r, _ in found)


def test_adjective_after_a_classifier_is_not_a_name(extract):
    found = extract("سقطت قذيفة في منطقة عسكرية السورية قرب الحدود وفي مدينة كبيرة.")
    assert not any(r == "located_in" for _, r, _ in found)


def test_coordinated_compass_word_is_not_containment(extract):
    found = extract("جال الوزير في المنطقة العربية وجنوب شرق آسيا.")
    assert not any(r == "located_in" for _, r, _ in found)


# ---- English labels of discovered people --------------------------------------------

romanizer = pytest.importorskip("arabic_name_romanizer")


def test_discovered_person_gets_a_romanised_label():
    assert discovered_entity(person("إياد علاوي")).label == "Ayad Allawi"
    assert discovered_entity(person("علاء يوسف")).label == "Alaa Youssef"


def test_label_is_deterministic_and_a_function_of_the_id():
    discovered_entity.cache_clear()
    first = discovered_entity(person("عبد القادر مساهل")).label
    discovered_entity.cache_clear()
    assert discovered_entity(person("عبد القادر مساهل")).label == first == person_label("عبد القادر مساهل")
    # the id's spelling variants meet, and so do their labels
    assert discovered_entity(person("أسامة النجيفي")).label == discovered_entity(person("اسامه النجيفي")).label


def test_persons_and_places_are_romanised_bodies_and_gazetteer_labels_stay(gaz):
    assert discovered_entity(place("زبيد")).label == (person_label("زبيد") or "zbyd")
    body = discovered_id("هيئة الطيران", "Organization")
    assert discovered_entity(body).label == body.split("/")[1].replace("_", " ")
    article = article_from_text("t", "قال حيدر العبادي إن الحكومة مستمرة.")
    sentence = split_sentences(article.text)[0]
    linked = _model_mentions([sentence], "حيدر العبادي", "PERS", gaz)[0]
    assert linked.entity_id == "haider_al_abadi"
    assert gaz.entity(linked.entity_id).label == "Haider al-Abadi"


def test_a_longer_dictionary_name_is_not_preferred():
    # a whole-name entry may add a middle name the text does not give
    label = person_label("موسى أبو مرزوق")
    assert label is not None and len(label.split()) <= 3


def test_a_list_of_counterparts_joined_by_state_adjectives(extract):
    text = "وأجرى الوزير اتصالا مع نظيريه الأردني سامر الخطيب والمغربي ماهر العلي أمس."
    found = extract(text, {"سامر الخطيب": "PERS", "ماهر العلي": "PERS"})
    assert (person("سامر الخطيب"), "official_of", "jordan") in found
    assert (person("ماهر العلي"), "official_of", "morocco") in found


def test_a_region_or_armed_group_as_owner(extract):
    found = extract("وقال رئيس إقليم كردستان سامر الخطيب إن الوضع مستقر.", {"سامر الخطيب": "PERS"})
    assert (person("سامر الخطيب"), "official_of", "kurdistan_region") in found
    found = extract("وقال أمير تنظيم الدولة الإسلامية في ليبيا ماهر العلي إن الوضع مستقر.", {"ماهر العلي": "PERS"})
    assert (person("ماهر العلي"), "official_of", "islamic_state") in found
    # a name the gazetteer bound to the title itself
    found = extract("وظهر زعيم تنظيم الدولة الإسلامية أبو بكر البغدادي في تسجيل.")
    assert ("abu_bakr_al_baghdadi", "official_of", "islamic_state") in found


def test_a_generic_body_is_nobodys_owner(extract):
    found = extract("وقال المتحدث باسم الجيش العقيد سامر الخطيب إن الوضع مستقر.", {"سامر الخطيب": "PERS"})
    assert not any(s == person("سامر الخطيب") for s, _, _ in found)


def test_countryside_of_a_city_and_the_north_of_a_state(extract):
    found = extract("قصفت الطائرات قرية زوراكا في ريف حلب.", {"ريف": "LOC"})
    assert (place("زوراكا"), "located_in", "aleppo") in found
    assert not any(o == place("ريف") for _, _, o in found)
    # the north of a state lies in it by its name: nothing to say
    found = extract("تقدمت القوات في شمال سوريا.")
    assert not any(r == "located_in" for _, r, _ in found)


def test_quotes_and_a_preposition_joined_to_the_scope(extract, gaz):
    found = extract("وقال الأمين العام لـ « الجامعة العربية » كريم الحداد إن الاجتماع مؤجل.", {"كريم الحداد": "PERS"})
    assert (person("كريم الحداد"), "official_of", "arab_league") in found
    found = extract("وقال المبعوث الأممي لليمن ، كريم الحداد ، إن المحادثات مستمرة.", {"كريم الحداد": "PERS"})
    assert (person("كريم الحداد"), "official_of", "united_nations") in found


def test_compass_words_beside_a_city_and_inside_an_area(extract):
    # a town north of a city is not in it; a quarter is, and so is a town in an area or a state
    assert not any(r == "located_in" for _, r, _ in extract("وقتل جندي في تكريت شمال بغداد."))
    found = extract("انفجرت سيارة في حي الكرامة غرب بغداد.", {"الكرامة": "LOC"})
    assert (place("الكرامة"), "located_in", "baghdad") in found
    found = extract("قصفت الطائرات بلدة زوراكا شمال محافظة حلب ثم ساحة النصر وسط دمشق.", {"ساحة النصر": "LOC"})
    assert (place("زوراكا"), "located_in", "aleppo") in found
    assert (place("ساحة النصر"), "located_in", "damascus") in found


def test_a_classifier_that_is_also_a_common_word_needs_a_found_name(extract):
    assert not any(r == "located_in" for _, r, _ in extract("يفضل كثيرون قضاء العطلة في فرنسا."))


def test_an_organisation_led_by_a_person(extract):
    found = extract("وشاركت حركة حماس بزعامة سامر الخطيب في المحادثات.", {"سامر الخطيب": "PERS"})
    assert (person("سامر الخطيب"), "official_of", "hamas") in found
    # led by a state is not an office
    found = extract("وتقدمت حركة حماس بقيادة مصر في المحادثات.")
    assert not any(r == "official_of" for _, r, _ in found)


def test_the_relative_of_a_title_holder_is_not_the_holder(extract):
    found = extract("ووصل نجل الرئيس الأردني سامر الخطيب إلى المطار.", {"سامر الخطيب": "PERS"})
    assert not any(s == person("سامر الخطيب") for s, _, _ in found)


def test_the_next_item_of_a_list_is_not_in_apposition(extract):
    text = "ووجه كريم الحداد، الأمين العام لجامعة الدول العربية , وألفا ماهر العلي رسالة مشتركة."
    found = extract(text, {"كريم الحداد": "PERS", "وألفا ماهر العلي": "PERS"})
    assert (person("كريم الحداد"), "official_of", "arab_league") in found
    assert not any(s == person("وألفا ماهر العلي") for s, _, _ in found)
