"""The core as the edges see it: one object with every operation the CLI, the terminal chat and Discord offer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from bot.answer.compose import Answerer
from bot.evaluation.answer_sets import AnswerCase, AnswerEvaluation, evaluate_answers
from bot.evaluation.xquad import AnswerSentenceEvaluation, evaluate_answer_sentences
from bot.feedback import FeedbackStore
from bot.records import Answer, Feedback
from index.cleaning import clean_line
from index.errors import InvalidQueryError, NewsdeskError
from index.evaluation import (
    EVAL_MODES,
    EvalMode,
    EvalQuestion,
    RetrievalEvaluation,
    Split,
    evaluate_retrieval,
)
from index.feeds.fetch import FetchPolicy
from index.ingest import IngestReport, ProgressCallback
from index.news_index import NewsIndex
from index.records import (
    Article,
    ArticleRef,
    FeedConfig,
    FeedStatus,
    IndexStats,
    LatestArticle,
    Passage,
    RefreshReport,
    SearchFilters,
    SearchMode,
    SourceView,
    StoredClaim,
    TimelineEntry,
)
from index.store.vector_store import VectorStoreConfig
from index.timeline import build_timeline
from index.verify import VerifyReport

TOPIC_PASSAGES = 60  # passages searched for the articles on a topic
QUESTION_CHARS = 2000  # longer questions are cut: no question needs more, and every edge accepts this much


class NothingToIngestError(NewsdeskError):
    """Re-indexing was asked for, but no article folders are configured."""


class EmptyIndexError(NewsdeskError):
    """A question or search reached an index that holds no articles yet."""


def clean_question(text: str) -> str:
    """A question as one clean line (no control or invisible characters); InvalidQueryError if nothing is left."""
    cleaned = clean_line(text, QUESTION_CHARS)
    if not cleaned:
        raise InvalidQueryError("the question is empty")
    return cleaned


class Desk:
    """Answers, searches, look-ups, claims, stats, ingest and feedback over one index.

    Every method blocks (model and FAISS work): async callers run them in a thread.
    """

    def __init__(
        self,
        index: NewsIndex,
        answerer: Answerer,
        feedback: FeedbackStore,
        article_dirs: Sequence[Path] = (),
        feeds: Sequence[FeedConfig] = (),
        fetch_policy: FetchPolicy | None = None,
    ) -> None:
        self.index = index
        self.answerer = answerer
        self.feedback_store = feedback
        self.article_dirs = list(article_dirs)
        self.feeds = list(feeds)
        self.fetch_policy = fetch_policy or FetchPolicy()

    def warm_up(self) -> None:
        """Load the embedding model, the vector index and any local language model now, so the first question
        is not slow."""
        self.index.embed_query("warm-up")
        self.index.vectors()
        if self.answerer.synthesizer is not None:
            self.answerer.synthesizer.model.load()

    def ask(
        self,
        question: str,
        filters: SearchFilters | None = None,
        history: Sequence[str] = (),
        asked_on: date | None = None,
    ) -> Answer:
        """A grounded answer with citations, or a plain abstention; `asked_on` dates "last week" if given."""
        question = clean_question(question)
        self._require_articles()
        earlier = [line for text in history if (line := clean_line(text, QUESTION_CHARS))]
        return self.answerer.answer(question, filters, earlier, asked_on)

    def search(
        self, query: str, k: int = 5, filters: SearchFilters | None = None, mode: SearchMode = "hybrid"
    ) -> list[Passage]:
        """The best passages for a query."""
        query = clean_question(query)
        self._require_articles()
        return self.index.search(query, k=k, filters=filters, mode=mode)

    def _require_articles(self) -> None:
        """Raise EmptyIndexError, which says how to add articles, when nothing is indexed yet."""
        if self.index.is_empty():
            raise EmptyIndexError(
                "nothing is indexed yet: add articles with `newsdesk ingest PATH` "
                "(or set NEWSDESK_ARTICLE_DIRS and run /reindex)"
            )

    def source(self, reference: str) -> SourceView:
        """A passage, article or cited span in its article's context."""
        return self.index.source(reference)

    def article(self, article_id: str) -> Article:
        """One article."""
        return self.index.article(article_id)

    def find_articles(self, text: str, limit: int = 25) -> list[ArticleRef]:
        """Articles whose title or id contains `text`, newest first."""
        return self.index.find_articles(text, limit)

    def claims(self, topic: str, filters: SearchFilters | None = None, limit: int = 25) -> list[StoredClaim]:
        """Who claimed what about a topic, in date order."""
        topic = clean_question(topic)
        self._require_articles()
        return self.answerer.claims.timeline(topic, filters, limit)

    def stats(self) -> IndexStats:
        """Figures about the index."""
        return self.index.stats()

    def ingest(
        self, paths: Iterable[Path], prune: bool = False, progress: ProgressCallback | None = None
    ) -> IngestReport:
        """Ingest files or folders into the index."""
        return self.index.ingest(paths, prune=prune, progress=progress)

    def reindex(self, progress: ProgressCallback | None = None, prune: bool = False) -> IngestReport:
        """Ingest the configured article folders now."""
        if not self.article_dirs:
            raise NothingToIngestError("no article folders are configured (set NEWSDESK_ARTICLE_DIRS)")
        return self.ingest(self.article_dirs, prune=prune, progress=progress)

    def ingest_urls(self, urls: Sequence[str], progress: ProgressCallback | None = None) -> RefreshReport:
        """Fetch and ingest feed or article URLs now (a feed is followed by later refreshes)."""
        from index.feeds.refresh import FeedRefresher

        return FeedRefresher(self.index, self.fetch_policy).ingest_urls(urls, progress)

    def refresh(self, progress: ProgressCallback | None = None, force: bool = False) -> RefreshReport:
        """Fetch the configured feeds (and those ingested by URL) that are due, and ingest what changed."""
        from index.feeds.refresh import FeedRefresher

        configured = {f.url: f for f in self.feeds}
        stored = [f for f in self.index.stored_feeds() if f.url not in configured]
        feeds = list(configured.values()) + stored
        if not feeds:
            raise NothingToIngestError("no feeds are configured (set NEWSDESK_FEEDS)")
        return FeedRefresher(self.index, self.fetch_policy).refresh(feeds, progress, force)

    def has_feeds(self) -> bool:
        """Whether there are feeds to refresh (configured, or ingested by URL)."""
        return bool(self.feeds) or bool(self.index.stored_feeds())

    def feed_statuses(self) -> list[FeedStatus]:
        """Every feed with its last fetch, article count and last error."""
        return self.index.feed_statuses()

    def latest(
        self, topic: str | None = None, filters: SearchFilters | None = None, limit: int = 10
    ) -> list[LatestArticle]:
        """The newest articles, on a topic if one is given (its keywords must occur), one per story."""
        self._require_articles()
        if topic is None or not topic.strip():
            return self.index.latest(filters, limit)
        passages = self.index.search(clean_question(topic), k=TOPIC_PASSAGES, filters=filters, mode="keyword")
        ids = list(dict.fromkeys(p.article_id for p in passages))
        return self.index.latest(filters, limit, ids) if ids else []

    def timeline(
        self, topic: str, filters: SearchFilters | None = None, limit: int = 25
    ) -> list[TimelineEntry]:
        """The articles (events) and claims on a topic, in date order, each with its reference."""
        events = self.latest(topic, filters, limit)
        return build_timeline(events, self.claims(topic, filters, limit), limit)

    def verify(self, repair: bool = False) -> VerifyReport:
        """Check (and with repair, mend) the index's derived data against its stored articles."""
        return self.index.verify(repair)

    def copy_vectors_to(self, target: VectorStoreConfig) -> int:
        """Fill another vector backend with the index's vectors; how many it holds."""
        return self.index.copy_vectors_to(target)

    def record_feedback(self, feedback: Feedback) -> None:
        """Store a 👍/👎 vote on an answer."""
        self.feedback_store.record(feedback)

    def recent_feedback(self, limit: int = 50) -> list[Feedback]:
        """The newest votes."""
        return self.feedback_store.recent(limit)

    def feedback_totals(self) -> tuple[int, int]:
        """Numbers of 👍 and 👎 votes."""
        return self.feedback_store.totals()

    def evaluate_retrieval(
        self,
        questions: list[EvalQuestion],
        paragraphs: int,
        modes: Sequence[EvalMode] = EVAL_MODES,
        ingest_seconds: float = 0.0,
        split: Split = "all",
    ) -> RetrievalEvaluation:
        """Retrieval quality on SQuAD-format questions (this desk's index holds their paragraphs)."""
        return evaluate_retrieval(self.index, questions, paragraphs, modes, ingest_seconds, split)

    def evaluate_answer_sentences(
        self, questions: list[EvalQuestion], paragraphs: dict[str, str]
    ) -> AnswerSentenceEvaluation:
        """Whether each answer's first quoted sentence holds the question's gold answer."""
        return evaluate_answer_sentences(self.ask, questions, paragraphs)

    def evaluate_answers(self, cases: Sequence[AnswerCase]) -> AnswerEvaluation:
        """Ask every question of a question set and judge the answers."""
        return evaluate_answers(self.ask, list(cases))

    def close(self) -> None:
        """Release the databases."""
        self.index.close()
        self.feedback_store.close()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
