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


def test_a_full_stop_after_a_number_ends_the_sentence():
    texts = [s.text for s in split_sentences("عقد للمرة الأخيرة في 2009. وأجرى محادثات مع السيسي.")]
    assert texts == ["عقد للمرة الأخيرة في 2009.", "وأجرى محادثات مع السيسي."]


def test_a_short_quotation_closed_on_its_line_stays_in_its_sentence():
    text = 'أكد الرئيس أن «الحملة مستمرة. لكنها ستتوقف قريبا». كما اتهم الحزب بالعرقلة.'
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ['أكد الرئيس أن «الحملة مستمرة. لكنها ستتوقف قريبا».', 'كما اتهم الحزب بالعرقلة.']
    straight = split_sentences('قال إن "الأمر صعب. ولن ننتظر". وغادر.')
    assert len(straight) == 2


def test_a_quotation_left_open_or_across_a_line_is_split_as_usual():
    assert len(split_sentences('قال «الأمر صعب. ولن ننتظر')) == 2
    assert len(split_sentences('قال «الأمر صعب.\nولن ننتظر» وغادر.')) == 2
    long_quote = "قال «" + "كلام طويل. " * 60 + "» وغادر."
    assert len(split_sentences(long_quote)) > 2


def test_article_is_seen_behind_proclitics():
    from kg.text import carries_article

    assert carries_article(normalize("السورية"))
    assert carries_article(normalize("والسورية"))
    assert carries_article(normalize("بالسورية"))
    assert carries_article(normalize("للسورية"))
    assert not carries_article(normalize("سورية"))
    assert not carries_article(normalize("وسورية"))


def test_normalisers_equal_camel_tools_on_every_code_point():
    """kg.text writes camel-tools' normalisers out (importing camel_tools.utils
    costs half a second of every start); they must stay the same functions."""
    from camel_tools.utils import dediac, normalize as camel

    import kg.text as ours

    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    pairs = [(ours.normalize_unicode, camel.normalize_unicode), (ours.dediac_ar, dediac.dediac_ar),
             (ours.normalize_alef_ar, camel.normalize_alef_ar),
             (ours.normalize_alef_maksura_ar, camel.normalize_alef_maksura_ar),
             (ours.normalize_teh_marbuta_ar, camel.normalize_teh_marbuta_ar)]
    for mine, theirs in pairs:
        different = [c for c in chars if mine(c) != theirs(c)]
        assert not different, (mine.__name__, [hex(ord(c)) for c in different[:5]])
    sample = "".join(chars[::97]) + "بِسْمِ اللَّهِ ﷽ ﷼ آمنة إلى مدرسةٌ"
    for mine, theirs in pairs:
        assert mine(sample) == theirs(sample), mine.__name__


def test_the_clitics_are_read_once():
    # every new word asks for them: re-reading clitics.tsv each time made builds 2.4x slower (session 17)
    from kg.ontology_data import load_clitics

    assert load_clitics() is load_clitics()
