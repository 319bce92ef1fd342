"""kg's accurate NER: frozen multilingual-e5-small vectors (kg.encoder) and kg's own
word features (name-word classes, clitic-split stem, affixes, shape, gazetteer
matches) into a CRF tagger over whole words (a window of three words or a BiLSTM
before the CRF; the window is shipped).

    lexical.py  kg's word features and their vocabularies
    crf.py      the CRF output layer
    tagger.py   the torch network
    train.py    training, the dev curve, `kg train ner --kind e5`
    model.py    the runtime model (`NerModel`'s interface: words in, spans out)
"""
