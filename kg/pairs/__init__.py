"""The trained relation stage: candidate pairs of actor mentions in a
sentence, their features, a classifier over them, and its training.

The rules (`extractors/rules.py`) attach arguments to a trigger word with
hand-written patterns; they are precise where they fire and silent
elsewhere. This stage looks at every pair of mentions in a sentence and
asks a model trained on hand-annotated relations (ANERcorp's train
sentences, `../shared/data/anercorp-relations`) whether the sentence relates
them, how, and in which direction:

    candidates.py  which pairs are asked about
    features.py    what the model sees of a pair (pluggable featurizers)
    e5_features.py the optional `e5` featurizer (a pretrained encoder's vectors)
    model.py       the shipped classifier (plain JSON) and its prediction
    clauses.py     which predictions the sentence's clauses allow (none across أن or a reporting verb)
    corpus.py      the annotated corpus read into kg's own tokens and mentions
    train.py       examples, cross-validation and training (`kg train relations`)

`extractors/pairs.py` runs the shipped model as the relation extractor
`pairs`; the pipeline lets the rules' answer stand where both speak about
the same two mentions (`kg.pipeline.combine_relations`).
"""
