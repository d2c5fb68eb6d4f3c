"""The duplicate clusters: each article's MinHash signature and the cluster (wire story) it belongs to."""

from __future__ import annotations

from collections.abc import Sequence

from index.store.connection import Connections


class ClusterTable:
    """Clusters in the store's SQLite file; a cluster's id is the id of its first article."""

    def __init__(self, conn: Connections) -> None:
        self._conn = conn

    def all(self) -> list[tuple[str, str, bytes]]:
        """(article id, cluster id, signature) of every article with a signature."""
        rows = self._conn.query("SELECT article_id, cluster_id, signature FROM clusters")
        return [(row["article_id"], row["cluster_id"], bytes(row["signature"])) for row in rows]

    def set(self, article_id: str, cluster_id: str, signature: bytes) -> None:
        """Put an article in a cluster (inside the caller's transaction)."""
        self._conn.execute(
            """INSERT INTO clusters(article_id, cluster_id, signature) VALUES (?, ?, ?)
               ON CONFLICT(article_id) DO UPDATE SET cluster_id = excluded.cluster_id,
                 signature = excluded.signature""",
            (article_id, cluster_id, signature),
        )

    def has_duplicates(self) -> bool:
        """Whether any cluster holds more than one article."""
        rows = self._conn.query(
            "SELECT EXISTS (SELECT 1 FROM clusters GROUP BY cluster_id HAVING count(*) > 1) AS found"
        )
        return bool(rows[0]["found"])

    def members(self, article_ids: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        """Article id -> every (article id, source) in its cluster, itself included, first ingested first."""
        if not article_ids:
            return {}
        placeholders = ",".join("?" * len(article_ids))
        rows = self._conn.query(
            f"""SELECT mine.article_id AS asked, other.article_id AS member, a.source
                FROM clusters mine JOIN clusters other ON other.cluster_id = mine.cluster_id
                JOIN articles a ON a.id = other.article_id
                WHERE mine.article_id IN ({placeholders}) ORDER BY a.ingested_at, a.id""",
            list(article_ids),
        )
        found: dict[str, list[tuple[str, str]]] = {a: [] for a in article_ids}
        for row in rows:
            found[row["asked"]].append((row["member"], row["source"]))
        return found
