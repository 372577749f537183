"""Roles on a date: which office an actor holds in this article, and the article's date.

Roles come from the knowledge base, taken on the article's date. An undated article is
dated by its own titles: "German Chancellor Friedrich Merz" places it after 2025-05-06, so
Olaf Scholz, in the same article, is not chancellor (step 3 of the resolver, ``actors``).
With no title to go by, the most recent roles hold, minus one the article contradicts (an
ended role whose office another actor of the article holds). People the knowledge base does
not know take country and sector from the words that describe them.
"""
from __future__ import annotations

from wiresift.kb.actors import Role

from .actor_resolve import When
from .actor_types import Cand, DocActor


class RoleRules:
    """Mixin of ``actors.DocResolver``: the article date and each person's role."""

    def _infer_when(self) -> When:
        """For an undated article: the date range in which the most known people held the
        titles the article gives them. Mentions in sentences or captions that state their own
        date do not count, nor do titles marked former/elect."""
        intervals = []
        for c in self.names:
            if not c.aid or not c.desc or c.consumed or c.modifier:
                continue
            if self.s.sent[c.head] in self.s.dates:
                continue
            da = self.actors.get(c.aid)
            if da is None or da.kb is None or da.kind != "person":
                continue
            desc_words = set(c.desc.lower().replace(".", "").split())
            if desc_words & (self.w.past_markers | self.w.future_markers):
                continue
            spans = [(r.start, r.end) for r in self.view.title_roles(da.kb, c.desc) if r.start]
            if spans:
                intervals.append(spans)
        if not intervals:
            return When()
        points = sorted({d for spans in intervals for s, e in spans for d in (s, e) if d})
        best, best_n = None, 0
        for k, lo in enumerate(points):
            hi = points[k + 1] if k + 1 < len(points) else None
            n = sum(1 for spans in intervals
                    if any(s <= lo and (e is None or (hi is not None and e >= hi)) for s, e in spans))
            if n > best_n or (n == best_n and best is not None and n > 0):
                best, best_n = (lo, hi), n  # ties go to the later range: news is about now
        if best is None:
            return When()
        return When(best[0], best[1], False)

    def _person_fields(self, da: DocActor) -> tuple[str | None, str | None, str | None]:
        """(country, sector, role) of a person: from the role valid on the article's date;
        without one, the country of their latest role and the title the article gives them
        ("James Kabarebe, Rwanda's minister of state ..." with a 2016 Phoenix role)."""
        if da.kb is None:
            return self._describe_unknown(da)
        roles = self.view.roles_at(da.kb, self.when)
        if roles and not self.when.known and roles[0].end is not None and self._office_taken(da, roles[0]):
            roles = []
        if len(roles) > 1 and da.descs:
            named = {id(r) for d in da.descs for r in self.view.title_roles(da.kb, d)}
            roles.sort(key=lambda r: id(r) not in named)  # the role the article names first
        if roles:
            r = roles[0]
            return r.country or da.kb.country, r.sector or da.kb.sector, r.title
        country, sector = da.kb.country, da.kb.sector
        if country is None:
            latest = self.kb.roles_on(da.kb, None)
            if latest:
                country, sector = latest[0].country, sector or latest[0].sector
        tcountry, tsector, trole = self._describe_unknown(da)
        if trole and self.view.title_roles(da.kb, trole):
            trole = None  # the article names a role the knowledge base dates elsewhere
        return country or tcountry, sector or tsector, trole

    def _office_taken(self, da: DocActor, role: Role) -> bool:
        """Undated article, most recent role already over: is its office held, in this
        article, by someone else whose role is still open? (Scholz next to Merz.)"""
        for other in self.actors.values():
            if other is da or other.kb is None or other.kind != "person":
                continue
            for r in self.view.roles_at(other.kb, self.when):
                if r.end is None and r.country == role.country and set(r.offices) & set(role.offices):
                    return True
        return False

    def _describe_unknown(self, da: DocActor) -> tuple[str | None, str | None, str | None]:
        """Country and sector of a person the knowledge base does not know, from the words the
        article describes them with: the title before the name ("Pentagon press secretary"
        -> USA, GOV) or a description beside it ("Pakistan's military spokesman, ...")."""
        dated = self.s.dates
        spans = [(c.desc_range, c) for c in self.names if c.aid == da.id and c.desc_range[0] < c.desc_range[1]
                 and self.s.sent[c.head] not in dated]
        spans += [((d.start, d.end), d) for d in self._descriptions.get(da.id, ()) if self.s.sent[d.head] not in dated]
        country = sector = role = None
        for (lo, hi), c in spans:
            ccode, csector = self._describe(lo, hi, c)
            text = self.text(lo + (1 if self.s.low[lo] in ("the", "a", "an") else 0), hi)
            if country is None and ccode:
                country, sector, role = ccode, csector or sector, text
            if sector is None and csector:
                sector = csector
            role = role or text
        return country, sector, role

    def _describe(self, lo: int, hi: int, c: Cand) -> tuple[str | None, str | None]:
        s = self.s
        country = sector = None
        for k in range(hi - 1, lo - 1, -1):
            m = self.name_at.get(k)
            if m is None or m is c or (m.aid and self.actors[m.aid].kind == "person"):
                continue
            self._settle(m)
            o = self.actors.get(m.aid) if m.aid else None
            if o is not None and o.country and country is None:
                country = o.country
                if o.sector and o.kind != "country":
                    sector = o.sector
        words_ = [s.low[k] for k in range(lo, hi) if k not in self.name_at]
        found = self.w.title(" ".join(words_[-3:])) if words_ else None
        if found is not None and found[1]:
            sector = found[1]
        elif sector is None and words_:
            sector = self.kb.agent_sector(" ".join(words_))
        return country, sector
