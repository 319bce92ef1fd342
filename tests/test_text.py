"""Normalisation, tokens, clitics and sentences (kg.text)."""

from kg.text import clitic_stems, normalize, normalize_with_offsets, split_sentences, tokenize


def test_normalize_folds_hamza_maqsura_marbuta_tatweel_diacritics():
    assert normalize("أإآ") == "ااا"
    assert normalize("مصطفى") == "مصطفي"
    assert normalize("السوريّة") == normalize("السورية") == "السوريه"
    assert normalize("مـــصر") == "مصر"
    assert normalize("٨ فبراير ٢٠٢٠") == "8 فبراير 2020"


def test_offsets_map_back_to_the_original_characters():
    text = "إدلب السوريّة"
    folded, origin = normalize_with_offsets(text)
    start = folded.index("السوريه")
    assert text[origin[start]:origin[start + len("السوريه") - 1] + 1] == "السوريّة"


def test_tokens_keep_surface_and_offsets():
    text = "قال: وروسيا، بإدلب."
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["قال", ":", "وروسيا", "،", "بإدلب", "."]
    for token in tokens:
        assert text[token.start:token.end] == token.text


def test_clitic_stems_find_the_word_behind_proclitics():
    assert "روسيا" in clitic_stems(normalize("وروسيا"))
    assert "ادلب" in clitic_stems(normalize("بإدلب"))
    assert "رئيس" in clitic_stems(normalize("للرئيس"))
    assert "كرملين" in clitic_stems(normalize("والكرملين"))
    assert clitic_stems(normalize("لبنان"))[0] == "لبنان"  # the whole word comes first


def test_sentences_split_on_arabic_punctuation_and_lines_not_decimals():
    text = "العنوان هنا\nقال إن النمو بلغ 3.5 في المئة. هل يحدث ذلك؟ نعم…ربما"
    sentences = split_sentences(text, headline_end=len("العنوان هنا"))
    assert [s.section for s in sentences][:2] == ["headline", "body"]
    assert any("3.5" in s.text for s in sentences)
    assert len(sentences) == 5
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text


def test_article_is_seen_behind_proclitics():
    from kg.text import carries_article

    assert carries_article(normalize("السورية"))
    assert carries_article(normalize("والسورية"))
    assert carries_article(normalize("بالسورية"))
    assert carries_article(normalize("للسورية"))
    assert not carries_article(normalize("سورية"))
    assert not carries_article(normalize("وسورية"))
