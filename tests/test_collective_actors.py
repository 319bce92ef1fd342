"""Collective actors on sentences written for these tests: forces named by a
force head (طيران التحالف، المتمردين الحوثيين), by their leader (قوات صالح),
context-dependent names resolved by the article (التحالف، المقاومة، الجيش),
and generic groups qualified by a state (المتظاهرين العراقيين)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extractors.gazetteer import GazetteerExtractor
from kg.gazetteer import load_gazetteer
from kg.reader import article_from_text
from kg.text import split_sentences

DAY = dt.date(2015, 8, 5)


@pytest.fixture(scope="module")
def extractor() -> GazetteerExtractor:
    return GazetteerExtractor()


def found(extractor: GazetteerExtractor, text: str, date: dt.date | None = DAY) -> list[tuple[str, str, str]]:
    """(surface, entity, via) of every gazetteer mention, in text order."""
    article = article_from_text("t", text, metadata_date=date)
    return [(m.text, m.entity_id, m.via) for m in extractor(article, split_sentences(article.text, article.headline_end))]


def ids(extractor: GazetteerExtractor, text: str, date: dt.date | None = DAY) -> list[str]:
    return [entity for _, entity, _ in found(extractor, text, date)]


# ---- the coalition an article is about --------------------------------------

YEMEN = "قصفت طائرات حربية مواقع في صعدة وتعز، وقال مسؤول يمني في عدن إن "
IRAQ = "تقدمت القوات في محافظة الأنبار قرب الرمادي والفلوجة، وقال مسؤول عراقي في بغداد إن "


def test_bare_coalition_in_a_yemen_article_is_the_saudi_led_one(extractor):
    assert "saudi_led_coalition" in ids(extractor, YEMEN + "التحالف سيواصل عملياته.")


def test_bare_coalition_in_an_iraq_article_is_the_us_led_one(extractor):
    assert "global_coalition_to_defeat_isis" in ids(extractor, IRAQ + "التحالف سيواصل عملياته.")


def test_coalition_named_outright_earlier_wins_over_the_states(extractor):
    text = "أعلن التحالف الدولي ضد داعش أنه نفذ ضربات جديدة. وقال متحدث في صنعاء وعدن إن التحالف لم يحدد الأهداف."
    assert ids(extractor, text).count("global_coalition_to_defeat_isis") == 2


def test_a_state_adjective_chooses_the_coalition(extractor):
    assert "saudi_led_coalition" in ids(extractor, IRAQ + "التحالف السعودي لا يعمل هنا.")


def test_another_adjective_makes_another_name(extractor):
    found_ids = ids(extractor, IRAQ + "التحالف الشيعي يرفض القرار.")
    assert "global_coalition_to_defeat_isis" not in found_ids and "saudi_led_coalition" not in found_ids


def test_bare_coalition_without_any_state_is_not_guessed(extractor):
    found_ids = ids(extractor, "قال المتحدث إن التحالف سيواصل عملياته.")
    assert "global_coalition_to_defeat_isis" not in found_ids and "saudi_led_coalition" not in found_ids


def test_force_heads_name_the_coalition_with_the_head_in_the_span(extractor):
    mentions = found(extractor, YEMEN + "طيران التحالف قصف المعسكر، ومقاتلات التحالف العربي عادت إلى قواعدها.")
    assert ("طيران التحالف", "saudi_led_coalition", "collective") in mentions
    assert ("ومقاتلات التحالف العربي", "saudi_led_coalition", "collective") in mentions


# ---- rebels named by their movement -----------------------------------------

@pytest.mark.parametrize("phrase", ["المتمردين الحوثيين", "الميليشيات الحوثية", "ميليشيا الحوثي وصالح",
                                    "مسلحي الحوثي", "ميليشيات الحوثيين"])
def test_rebels_named_by_their_movement_are_the_houthis(extractor, phrase):
    mentions = found(extractor, f"هاجمت {phrase} مواقع في المدينة.")
    assert [entity for _, entity, _ in mentions] == ["houthis"]
    assert mentions[0][0] == phrase  # the whole phrase is the mention


def test_head_only_name_needs_its_head(extractor):
    # الحوثي alone is a surname (Abdul-Malik al-Houthi), not the movement
    assert "houthis" not in ids(extractor, "قال الحوثي في خطاب متلفز إن الحرب ستطول.")


def test_generic_rebels_stay_generic(extractor):
    assert ids(extractor, "هاجم المتمردون قرية نائية.") == ["insurgents"]


def test_two_force_words_in_a_row_are_two_sides(extractor):
    mentions = found(extractor, "يحارب الجيش مقاتلي جماعات متشددة في الشمال.")
    assert ("الجيش", "soldiers", "alias") in mentions


def test_conjunction_after_a_head_starts_a_second_side(extractor):
    # قوات الجيش والشرطة: the police are their own side, not "forces of the police"
    mentions = found(extractor, "انتشرت قوات الجيش والشرطة في الشوارع.")
    assert not any(via == "collective" and entity == "police" for _, entity, via in mentions)


# ---- forces named by their leader --------------------------------------------

def test_forces_named_by_their_leader(extractor):
    assert "forces_loyal_to_ali_abdullah_saleh" in ids(extractor, "تقدمت قوات صالح نحو المدينة.")
    assert "forces_loyal_to_ali_abdullah_saleh" in ids(extractor, "انسحبت القوات الموالية للرئيس السابق علي عبدالله صالح.")
    assert "libyan_national_army" in ids(extractor, "قصفت قوات حفتر مطار المدينة.")


def test_forces_loyal_to_a_named_president(extractor):
    assert "pro_hadi_forces" in ids(extractor, "استعادت القوات الموالية للرئيس عبد ربه منصور هادي المطار.")


def test_forces_loyal_to_a_title_resolve_through_its_holder(extractor):
    # the Yemeni president on the article's date is Hadi: his forces
    assert "pro_hadi_forces" in ids(extractor, "استعادت القوات الموالية للرئيس اليمني المطار.", date=DAY)


def test_the_leaders_bare_surname_is_not_a_mention(extractor):
    # صالح alone is a common word ("valid", "in favour of")
    assert "ali_abdullah_saleh" not in ids(extractor, "جاء القرار في صالح المواطنين.")


def test_the_deposed_is_the_leader_of_the_articles_state(extractor):
    assert "ali_abdullah_saleh" in ids(extractor, YEMEN + "المخلوع يرفض الحوار.")
    assert "hosni_mubarak" in ids(extractor, "في القاهرة والإسكندرية، قال محامي المخلوع إن المحكمة أجلت الجلسة.")


# ---- resistance, armies and bodies resolved by the article --------------------

def test_resistance_is_the_popular_resistance_only_in_a_yemen_article(extractor):
    assert "popular_resistance_yemen" in ids(extractor, YEMEN + "المقاومة الشعبية استعادت الحي.")
    assert "popular_resistance_yemen" not in ids(extractor, "قال المسؤول في رام الله وغزة إن المقاومة مستمرة.")


def test_the_army_is_the_army_of_the_articles_state(extractor):
    assert "iraqi_armed_forces" in ids(extractor, IRAQ + "الجيش يتقدم.")
    assert ids(extractor, "قال المتحدث إن الجيش يتقدم.") == ["soldiers"]


def test_a_force_head_before_a_context_dependent_army(extractor):
    assert ids(extractor, IRAQ + "قوات الجيش تتقدم.")[-1] == "iraqi_armed_forces"


def test_gunmen_named_by_their_movement(extractor):
    assert ids(extractor, "هاجم مسلحون حوثيون نقطة تفتيش.") == ["houthis"]
    assert ids(extractor, "هاجم مسلحون مجهولون نقطة تفتيش.") == ["gunmen"]


def test_the_government_and_parliament_of_the_articles_state(extractor):
    found_ids = ids(extractor, IRAQ + "الحكومة أحالت القانون إلى البرلمان.")
    assert "iraqi_government" in found_ids and "council_of_representatives_of_iraq" in found_ids


def test_a_place_name_that_is_also_a_name_needs_its_state(extractor):
    assert "salah_ad_din_governorate" in ids(extractor, IRAQ + "المعارك تدور في صلاح الدين.")
    assert "salah_ad_din_governorate" not in ids(extractor, "التقى صلاح الدين بأصدقائه في المقهى.")


# ---- groups qualified by a state ---------------------------------------------

def test_a_state_adjective_qualifies_a_group(extractor):
    assert "protesters_iraq" in ids(extractor, "خرج المتظاهرين العراقيين إلى الشوارع.")
    assert "refugees_syria" in ids(extractor, "عاد آلاف اللاجئين السوريين إلى بلداتهم.")


def test_tribes_take_the_articles_state(extractor):
    found_ids = ids(extractor, IRAQ + "أبناء العشائر يقاتلون إلى جانب العشائر الأخرى.")
    assert "tribal_fighters_iraq" in found_ids and "tribes_iraq" in found_ids


def test_brackets_and_plus_inside_a_name(extractor):
    assert ids(extractor, "توصلت إيران ومجموعة (5+1) إلى اتفاق.") == ["iran", "p5_plus_1"]


def test_qualified_groups_carry_a_label_and_their_state():
    gaz = load_gazetteer()
    assert gaz.entity("protesters_iraq").label == "Iraqi protesters"
    assert gaz.entity("protesters_iraq").link("people_of") == "iraq"
    assert gaz.entity("protesters_iraq").link("acts_as") == "protests"  # still reports a protest
    assert gaz.entity("tribal_fighters_yemen").label == "Yemeni tribal fighters"


def test_marked_aliases_are_stored_without_their_marks():
    gaz = load_gazetteer()
    assert "التحالف" in gaz.entity("saudi_led_coalition").aliases_ar
    assert not any(a.startswith(("~", "+")) for e in gaz.entities.values() for a in e.aliases_ar)
    assert gaz.loyal_forces["ali_abdullah_saleh"] == "forces_loyal_to_ali_abdullah_saleh"
    assert gaz.countries_of("saudi_led_coalition") == frozenset({"yemen"})
    assert "iraq" in gaz.countries_of("peshmerga")  # through the Kurdistan Regional Government
