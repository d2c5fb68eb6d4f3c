"""Records that cross the index's boundary: articles, chunks, passages, claims, filters, views and figures."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from index.dates import date_bounds
from index.errors import InvalidQueryError


class Article(BaseModel):
    """One news article as parsed from a file, before chunking."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1)
    title: str
    text: str = Field(min_length=1)
    date: str | None = None  # partial ISO date as written: 2020, 2020-11 or 2020-11-07
    source: str = ""
    url: str = ""
    language: str = ""
    path: str = ""  # the file it came from (absolute), used by --prune

    @field_validator("date")
    @classmethod
    def _valid_date(cls, value: str | None) -> str | None:
        if value is not None:
            date_bounds(value)
        return value


class Chunk(BaseModel):
    """A span of an article's text, the unit that is embedded and retrieved."""

    model_config = ConfigDict(frozen=True)

    article_id: str
    ordinal: int = Field(ge=0)
    start: int = Field(ge=0)  # character offsets into Article.text
    end: int
    text: str
    token_count: int = Field(ge=0)

    @model_validator(mode="after")
    def _offsets_match_text(self) -> Chunk:
        if self.end - self.start != len(self.text):
            raise ValueError(
                f"chunk offsets {self.start}-{self.end} do not match its text length {len(self.text)}"
            )
        return self


class StoredChunk(BaseModel):
    """A stored chunk with the metadata of its article."""

    chunk_id: int  # the SQLite row id, which is also the FAISS id
    article_id: str
    ordinal: int
    start: int
    end: int
    text: str
    title: str
    date: str | None
    source: str
    url: str
    language: str


class Passage(StoredChunk):
    """A retrieved chunk with the scores that ranked it."""

    score: float  # the fused score (or the single side's score)
    dense_score: float | None = (
        None  # cosine similarity less the question's similarity to the language's centre
    )
    keyword_score: float | None = None  # BM25 (higher is better)
    dense_rank: int | None = None  # 1-based
    keyword_rank: int | None = None
    also_in: list[str] = Field(default_factory=list)  # other outlets carrying the same story (its duplicates)


SearchMode = Literal["hybrid", "dense", "keyword"]


class PassageSentence(BaseModel):
    """One sentence of a retrieved passage, with its passage-side vector (embedded under the article's title)."""

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)

    passage: Passage
    rank: int  # 1-based rank of its passage
    start: int  # character offsets in the article
    end: int
    text: str
    vector: np.ndarray


class TermStatistics(BaseModel):
    """Keyword statistics for IDF weights: passages holding each term (absent terms left out), and all passages."""

    frequencies: dict[str, int]
    passages: int


class ArticleRef(BaseModel):
    """An article's id, title and date, for lists and autocomplete."""

    id: str
    title: str
    date: str | None


class SearchFilters(BaseModel):
    """Restrictions on which articles a search may return.

    `since`/`until` bound the publication date (the options users set). `about_since`/`about_until` are the
    days a question is about: an article counts if it was published then (or within a week of reporting
    after) or if its text names a date in that period (a 2019 article on 2018 figures is about 2018).
    """

    since: date | None = None
    until: date | None = None
    sources: list[str] = Field(default_factory=list)
    about_since: date | None = None
    about_until: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> SearchFilters:
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since ({self.since}) is after until ({self.until})")
        if self.about_since and self.about_until and self.about_since > self.about_until:
            raise ValueError(f"about_since ({self.about_since}) is after about_until ({self.about_until})")
        return self

    @classmethod
    def from_options(
        cls, since: str | None = None, until: str | None = None, sources: Sequence[str] = ()
    ) -> SearchFilters:
        """Filters from options as users type them (every edge parses dates here); InvalidQueryError if bad."""
        try:
            first = date_bounds(since.strip())[0] if since and since.strip() else None
            last = date_bounds(until.strip())[1] if until and until.strip() else None
        except ValueError:
            raise InvalidQueryError("write dates as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2020-11") from None
        if first and last and first > last:
            raise InvalidQueryError(f"since ({since}) must not be after until ({until})")
        return cls(since=first, until=last, sources=[s.strip() for s in sources if s.strip()])

    @property
    def names_period(self) -> bool:
        """Whether the filters ask for the period a question is about (only SQLite can tell which chunks pass)."""
        return self.about_since is not None or self.about_until is not None

    def is_empty(self) -> bool:
        """True when nothing is filtered."""
        dates = (self.since, self.until, self.about_since, self.about_until)
        return all(d is None for d in dates) and not self.sources


Stance = Literal["statement", "claim", "denial", "accusation", "announcement", "warning", "admission"]


class Claim(BaseModel):
    """A reported statement in an article: who (speaker), how (cue, stance), what (content), and where."""

    article_id: str
    speaker: str  # as written, with role: "de Azerbeidzjaanse president Ilham Aliyev"
    speaker_name: str  # the person's name if there is one ("Ilham Aliyev"), else the phrase without article
    cue: str  # the cue as written: "meldde", "wordt ontkend door", "volgens"; a gap is shown as "…"
    stance: Stance
    content: str  # what was said, as written (a quote without its quote marks)
    start: (
        int  # the passage holding speaker, cue and content (a sentence, or two for "Jerevan ontkende dat.")
    )
    end: int
    content_start: int  # article.text[content_start:content_end] == content
    content_end: int
    date: str | None
    language: str
    quoted: bool  # True for direct quotes

    @model_validator(mode="after")
    def _offsets_consistent(self) -> Claim:
        if self.content_end - self.content_start != len(self.content):
            raise ValueError("content offsets do not match the content length")
        if not self.start <= self.content_start <= self.content_end <= self.end:
            raise ValueError("content lies outside the claim's passage")
        return self


class StoredClaim(Claim):
    """A stored claim with its id, its article's metadata and the chunk that holds it (for citations)."""

    id: int
    chunk_id: int | None
    sentence: str  # article.text[start:end]
    title: str
    source: str
    url: str


class StoredArticle(BaseModel):
    """An article as stored, with its chunk ids in order."""

    article: Article
    content_hash: str
    ingested_at: str
    chunk_ids: list[int]


class SourceView(BaseModel):
    """An article with one span of it marked: a chunk, a cited sentence, or nothing (the whole article)."""

    article: Article
    start: int
    end: int
    chunk_id: int | None = None
    chunk_ids: list[int]  # every chunk of the article, in order


class IndexStats(BaseModel):
    """Figures about the index for `newsdesk stats` and `/stats`."""

    data_dir: str
    articles: int
    chunks: int
    sources: int
    languages: int
    first_date: str | None
    last_date: str | None
    model: str | None
    dimension: int | None
    index_type: str | None
    vectors: int | None  # None when the vector index is not loaded yet
    schema_version: int
    generation: int
    database_bytes: int
    vector_bytes: int
    articles_by_language: dict[str, int] = Field(default_factory=dict)
    # Languages of stored articles that newsdesk supports only in part, with what is missing for each.
    language_gaps: dict[str, list[str]] = Field(default_factory=dict)


class FeedConfig(BaseModel):
    """A feed to follow (NEWSDESK_FEEDS): its URL and, optionally, the outlet's name, country and language."""

    url: str = Field(min_length=1)
    outlet: str = ""  # shown in citations; the feed's own title when empty
    country: str = ""
    language: str = ""  # the articles' language when the feed and page do not say


class FeedStatus(BaseModel):
    """A feed as stored: its settings, when it was last fetched, its articles and its last error."""

    url: str
    outlet: str
    country: str
    language: str
    title: str
    last_fetch: str | None
    last_success: str | None
    last_error: str | None
    failures: int  # consecutive failed fetches (reset by a success)
    next_attempt: str | None  # not fetched again before this while backing off
    articles: int


FeedOutcome = Literal["fetched", "not modified", "failed", "backing off"]


class FeedSummary(BaseModel):
    """What a refresh did with one feed (or one article URL)."""

    url: str
    outlet: str
    outcome: FeedOutcome
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    error: str | None = None


class RefreshReport(BaseModel):
    """What a refresh of the feeds did: one summary per feed, and the ingest's own figures."""

    feeds: list[FeedSummary] = Field(default_factory=list)
    seconds: float = 0.0

    @property
    def new(self) -> int:
        """Articles added from every feed."""
        return sum(f.new for f in self.feeds)

    @property
    def updated(self) -> int:
        """Articles replaced by a new version."""
        return sum(f.updated for f in self.feeds)


class LatestArticle(BaseModel):
    """An article in a list of the newest: title, date, outlet, link, and the other outlets with the story."""

    id: str
    title: str
    date: str | None
    source: str
    url: str
    ingested_at: str
    also_in: list[str] = Field(default_factory=list)


class TimelineEntry(BaseModel):
    """One dated line of a timeline: an article's headline (an event) or a claim in it, with its citation."""

    date: str | None
    kind: Literal["event", "claim"]
    text: str  # the headline, or "speaker cue: content"
    article_id: str
    title: str
    source: str
    url: str
    reference: str  # what /source accepts for it (article id, or article:start-end)
