"""Speed as a measured property: `python -m benchmarks` (`--help` for the options).

Corpora: the packaged one, and 10,000 and 100,000 passages generated from the installed
Python standard library's documentation (benchmarks/corpus.py), loaded by the project's
own loader. Systems: rank-bm25 as documented (the naive baseline, also the reference of
the parity check), bm25s (the `bench` extra), and ours (retrieval/index.py). Figures per
corpus: load and index build time; answer latency (retrieve, choose quotes, render) p50
and p95 on four question sets (benchmarks/questions.py: derived from passages, 30 % with
a typo, with everyday words, off-topic); RSS and GC pauses; start-up as the bot starts,
from a cold and a warm disk cache, with its first misspelt question (benchmarks/startup.py);
event-loop stalls under 20 concurrent questions through the bot's Service; the speller
against the rule it replaced (benchmarks/spelling.py); and the whole-process time of
`python -m bot ask`. Quick run: `python -m benchmarks --sizes packaged,10000 --questions 50`.
"""
