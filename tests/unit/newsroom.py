"""A small newsroom of articles for the answer tests, and helpers that check answers against it."""

from __future__ import annotations

import re

from bot.answer.compose import Answerer, AnswerPolicy
from bot.answer.corpus import Corpus
from bot.answer.synthesis import Synthesizer
from bot.records import Answer
from index.chunking import ChunkingConfig
from index.news_index import NewsIndex
from tests.fakes import FakeCorpus

SHUSHI_CLAIM = "Zaterdag meldde president Ilham Aliyev dat Shushi was veroverd."
SHUSHI_DENIAL = "Maar verovering van de stad wordt ontkend door de autoriteiten in Nagorno-Karabach."
DAM_ACCUSATION = "Ukraine accused Russia of blowing up the dam."
DAM_DENIAL = "The Kremlin denied that Russian troops destroyed the dam."

# Deliberately not in date order: answers and timelines must order by date themselves.
ARTICLES = [
    {
        "id": "karabach-bestand",
        "title": "Shushi verloren",
        "date": "2020-11-10",
        "source": "Demo NL",
        "language": "nl",
        "text": "Armenië en Azerbeidzjan hebben onder Russische bemiddeling een wapenstilstand gesloten.\n\n"
        "Premier Nikol Pashinyan erkende dat de stad Shushi verloren was.",
    },
    {
        "id": "shushi",
        "title": "Strijd om Shushi",
        "date": "2020-11-08",
        "source": "Demo NL",
        "url": "https://example.org/shushi",
        "language": "nl",
        "text": "De gevechten rond de stad Shushi in Nagorno-Karabach zijn de afgelopen dagen opgelaaid.\n\n"
        f"{SHUSHI_CLAIM} {SHUSHI_DENIAL}\n\n"
        "Duizenden inwoners van de regio zijn naar Armenië gevlucht.",
    },
    {
        "id": "kakhovka",
        "title": "Kakhovka dam destroyed",
        "date": "2023-06-06",
        "source": "Demo Wire",
        "language": "en",
        "text": "The Kakhovka dam on the Dnipro river was destroyed on Tuesday.\n\n"
        f"{DAM_ACCUSATION} {DAM_DENIAL}\n\n"
        "Thousands of residents downstream were evacuated.",
    },
    {
        "id": "ever-given-leaves",
        "title": "Ever Given leaves the canal",
        "date": "2021-07-07",
        "source": "Demo Wire",
        "language": "en",
        "text": "The Ever Given left the Suez Canal after a settlement with the canal authority.\n\n"
        "The ship had been held in a lake for three months.",
    },
    {
        "id": "ever-given-stuck",
        "title": "Ship blocks the Suez Canal",
        "date": "2021-03-24",
        "source": "Demo Wire",
        "language": "en",
        "text": "The container ship Ever Given ran aground in the Suez Canal on Tuesday.\n\n"
        "The canal authority said tugboats were working to free the ship.",
    },
    {
        "id": "ever-given-free",
        "title": "Ever Given refloated",
        "date": "2021-03-29",
        "source": "Demo Wire",
        "language": "en",
        "text": "The Ever Given was refloated on Monday and the Suez Canal reopened.\n\n"
        "Hundreds of ships had been waiting to pass the canal.",
    },
    {
        "id": "eurovision",
        "title": "Måneskin wins Eurovision",
        "date": "2021-05-23",
        "source": "Demo Wire",
        "language": "en",
        "text": "The Italian band Måneskin won the Eurovision Song Contest in Rotterdam.\n\n"
        "The band denied that its singer had used drugs during the final.",
    },
]
# Small chunks (the fake counts words as tokens): the articles span several chunks, so a citation's chunk
# id is not trivially right, and a claim and its denial lie in different chunks.
CHUNKING = ChunkingConfig(max_tokens=20, overlap_tokens=6)
NEVER_ABSTAIN = 0.0
MARKER = re.compile(r"\[(\d+(?:, \d+)*)\]")


def answerer(index: Corpus, synthesizer: Synthesizer | None = None, **policy: float) -> Answerer:
    """An Answerer that never abstains on relevance unless the test says otherwise."""
    values: dict[str, float] = {"min_answerability": NEVER_ABSTAIN, **policy}
    return Answerer(index, AnswerPolicy(**values), synthesizer)  # type: ignore[arg-type]


def assert_grounded(index: FakeCorpus | NewsIndex, answer: Answer) -> None:
    """Every citation quotes its article verbatim, from the chunk it names, and is marked in the text."""
    assert answer.citations, answer.text
    assert [c.number for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    for citation in answer.citations:
        article = index.article(citation.article_id)
        assert citation.quote == article.text[citation.start : citation.end]
        chunk = index.chunk(citation.chunk_id)
        assert chunk.article_id == citation.article_id
        assert chunk.start <= citation.start < citation.end <= chunk.end, (citation, chunk)
        assert citation.quote in chunk.text
        assert (citation.title, citation.date) == (article.title, article.date)
        if isinstance(index, NewsIndex):
            view = index.source(citation.reference)
            assert (view.article.id, view.start, view.end) == (
                citation.article_id,
                citation.start,
                citation.end,
            )
    marked = {int(n) for group in MARKER.findall(answer.text) for n in group.split(",")}
    assert marked == {c.number for c in answer.citations}, answer.text
