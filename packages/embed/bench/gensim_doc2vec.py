"""Trains gensim's Doc2Vec on a corpus written by the TypeScript bench, times train() alone, and writes the
document vectors (float32, row-major) so the bench can cluster them. Run with Debian's /usr/bin/python3."""
import json
import sys
import time

import numpy as np
from gensim.models.doc2vec import Doc2Vec, TaggedDocument
from gensim.models.doc2vec import FAST_VERSION


def main() -> None:
    job = json.load(open(sys.argv[1]))
    p = job["params"]
    docs = [TaggedDocument(words, [i]) for i, words in enumerate(job["docs"])]
    model = Doc2Vec(
        vector_size=p["vectorSize"], window=p["window"], min_count=p["minCount"], epochs=p["epochs"],
        dm=1 if p["dm"] else 0, dbow_words=1 if p.get("dbowWords") else 0, dm_mean=1, hs=0,
        negative=p["negative"], sample=p["sample"], alpha=p["alpha"], min_alpha=p["minAlpha"],
        seed=p["seed"], workers=p["workers"],
    )
    model.build_vocab(docs)
    started = time.perf_counter()
    model.train(docs, total_examples=len(docs), epochs=model.epochs)
    seconds = time.perf_counter() - started
    words = sum(len(d.words) for d in docs) * model.epochs
    if job.get("vectorsOut"):
        np.asarray(model.dv.vectors, dtype="<f4").tofile(job["vectorsOut"])
    print(json.dumps({"seconds": seconds, "words": words, "fastVersion": FAST_VERSION}))


main()
