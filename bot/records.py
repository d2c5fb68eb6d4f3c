"""Records the bot side hands to its edges: answers with their citations and attributions, and votes on them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from index.records import Passage, SearchFilters

Language = Literal["en", "nl"]
Method = Literal["extractive", "claims", "llm", "none"]


class Citation(BaseModel):
    """A numbered source of an answer: the quoted sentence and where it sits in its article."""

    number: int = Field(ge=1)
    article_id: str
    chunk_id: int
    start: int  # character offsets of the quote in the article's text
    end: int
    quote: str
    title: str
    source: str
    date: str | None
    url: str = ""
    also_in: list[str] = Field(default_factory=list)  # other outlets carrying the same story

    @property
    def reference(self) -> str:
        """The id `newsdesk source` and `/source` accept for exactly this quote."""
        return f"{self.article_id}:{self.start}-{self.end}"


class Attribution(BaseModel):
    """Who said what, as the answer reports it."""

    speaker: str
    cue: str
    stance: str
    content: str
    date: str | None
    citation: int  # number of the Citation holding it


class Rewriting(BaseModel):
    """What the language model made of an answer: its sentences, those dropped, and why it was not used."""

    model: str
    sentences: int = 0  # sentences in its reply
    dropped: int = 0  # of those, failing the grounding check
    fallback: str = ""  # why the extractive answer was kept; empty when the model's answer is given
    seconds: float = 0.0


class Answer(BaseModel):
    """A grounded answer to one question."""

    question: str
    language: Language
    text: str  # with [n] markers that refer to citations
    citations: list[Citation] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    contested: bool = False  # the evidence holds a claim and its denial
    confidence: float = Field(ge=0.0, le=1.0)
    # Relevance of the closest sentence (its cosine above that of background text).
    evidence: float = 0.0
    answerability: float = (
        0.0  # the probability that the evidence answers the question; abstention is decided on it
    )
    abstained: bool = False  # the articles don't answer the question
    tentative: bool = False  # answered, but the evidence may not answer this exact question
    related: list[Passage] = Field(default_factory=list)  # closest passages, shown when abstaining
    as_of: str | None = None  # the newest article date the answer rests on
    method: Method
    filters: SearchFilters = Field(default_factory=SearchFilters)  # including dates read from the question
    rewriting: Rewriting | None = None  # set when a language model was asked to rewrite the answer


class Feedback(BaseModel):
    """One user's vote on one answer."""

    user_id: str
    vote: Literal[-1, 1]
    question: str
    answer: str
    citations: list[str] = Field(default_factory=list)  # citation references (article:start-end)
    channel_id: str = ""
    message_id: str = ""
    created_at: str = ""
