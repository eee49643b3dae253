"""Text handling for the index: folding, tokenising, extracting text and dates from documents.

Folding is one character to one character (NFKC width folding, lower case, Traditional →
Simplified with OpenCC's character table, 臺 → 台), so positions in the folded text are
positions in the original: snippets are highlighted on the original text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urldefrag, urljoin

from selectolax.lexbor import LexborHTMLParser as HTMLParser


@cache
def _opencc():  # type: ignore[no-untyped-def]
    from opencc_purepy import OpenCC

    return OpenCC("t2s")


class _FoldTable(dict[int, str]):
    """A `str.translate` table that computes and remembers each character's fold."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = unicodedata.normalize("NFKC", ch).lower()
        if len(folded) != 1:
            folded = ch.lower() if len(ch.lower()) == 1 else ch
        if _is_cjk(folded):
            converted = _opencc().convert(folded)
            if len(converted) == 1:
                folded = converted
        folded = {"臺": "台", "\u3000": " "}.get(folded, folded)
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Fold for matching; the result has exactly the length of `text`."""
    return text.translate(_FOLD)


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FFFF


_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+|[a-z0-9]+(?:[.\-][a-z0-9]+)*")
# characters too common to be worth a unigram posting of their own (still part of bigrams)
STOP_CHARS = frozenset("的了是在和與及或也就都而之其此為以於")


def runs(folded: str) -> list[tuple[int, str]]:
    """(position, run) for each CJK run and each Latin word/number."""
    return [(m.start(), m.group()) for m in _RUN.finditer(folded)]


def document_terms(text: str) -> Counter[str]:
    """Terms of a document: CJK unigrams and bigrams, Latin words (folded)."""
    terms: Counter[str] = Counter()
    for _, run in runs(fold(text)):
        if _is_cjk(run[0]):
            terms.update(ch for ch in run if ch not in STOP_CHARS)
            terms.update(run[i : i + 2] for i in range(len(run) - 1))
        else:
            terms[run[:40]] += 1
    return terms


def query_terms(text: str) -> list[str]:
    """Terms of a query: a CJK run of one character is a unigram, longer runs give bigrams."""
    out: list[str] = []
    for _, run in runs(fold(text)):
        if _is_cjk(run[0]):
            if len(run) == 1:
                out.append(run)
            else:
                out.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            out.append(run[:40])
    return list(dict.fromkeys(out))


_PHRASE = re.compile(r"[\"“「『]([^\"”」』]+)[\"”」』]")


def split_phrases(query: str) -> tuple[str, list[str]]:
    """Quoted parts ("…" or 「…」) are phrases that must appear as written (after folding)."""
    phrases = [p.strip() for p in _PHRASE.findall(query) if p.strip()]
    return query, phrases


def language_of(text: str) -> str:
    sample = text[:2000]
    cjk = sum(1 for ch in sample if _is_cjk(ch))
    latin = sum(1 for ch in sample if "a" <= ch.lower() <= "z")
    return "zh-Hant" if cjk >= latin / 4 else "en"


# --- dates -----------------------------------------------------------------------------------

_ROC = re.compile(r"(?:民國)?\s*(1[0-2]\d|[89]\d)\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?")
_ISO = re.compile(r"(20\d\d|19\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})")


def find_date(text: str) -> dt.date | None:
    """The first ISO (2024-05-02) or ROC (113年5月2日, 113/05/02) date in the text."""
    for pattern, offset in ((_ISO, 0), (_ROC, 1911)):
        for m in pattern.finditer(text):
            try:
                return dt.date(int(m.group(1)) + offset, int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


# --- extraction ------------------------------------------------------------------------------


@dataclass
class Extracted:
    title: str
    text: str
    published_on: dt.date | None = None
    language: str = "zh-Hant"
    links: list[str] = field(default_factory=list)
    noindex: bool = False


_DROP = "script, style, noscript, nav, header, footer, form, template, svg, iframe"


def extract_html(body: bytes | str, *, url: str) -> Extracted:
    """Title, main text, date and links of an HTML page (selectolax)."""
    tree = HTMLParser(body if isinstance(body, str) else body.decode("utf-8", errors="replace"))
    robots = tree.css_first('meta[name="robots"]')
    noindex = bool(robots and "noindex" in (robots.attributes.get("content") or "").lower())
    links = []
    for a in tree.css("a[href]"):
        href = (a.attributes.get("href") or "").strip()
        if href and not href.startswith(("mailto:", "tel:", "javascript:", "#")):
            links.append(urldefrag(urljoin(url, href))[0])
    date = None
    for selector, attr in (
        ('meta[name="date"]', "content"),
        ('meta[property="article:published_time"]', "content"),
        ("time[datetime]", "datetime"),
    ):
        node = tree.css_first(selector)
        if node is not None and (value := node.attributes.get(attr)):
            date = find_date(value)
            if date:
                break
    title_node = tree.css_first("title") or tree.css_first("h1")
    title = title_node.text(strip=True) if title_node else ""
    for node in tree.css(_DROP):
        node.decompose()
    main = tree.css_first("main") or tree.css_first("article") or tree.body
    text = main.text(separator="\n", strip=True) if main is not None else ""
    text = re.sub(r"\n{2,}", "\n", text)
    if date is None:
        date = find_date(text)
    return Extracted(
        title=title or url, text=text, published_on=date, language=language_of(text), links=links, noindex=noindex
    )


def extract_pdf(body: bytes, *, url: str) -> Extracted:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body))
    text = "\n".join((page.extract_text() or "") for page in reader.pages)
    meta = reader.metadata
    title = (meta.title if meta and meta.title else "") or _first_line(text) or url
    return Extracted(title=title, text=text.strip(), published_on=find_date(text), language=language_of(text))


def extract_odt(body: bytes, *, url: str) -> Extracted:
    from odf import teletype
    from odf import text as odftext
    from odf.opendocument import load

    doc = load(io.BytesIO(body))
    lines = [teletype.extractText(node) for node in doc.text.childNodes]
    headings = [teletype.extractText(h) for h in doc.getElementsByType(odftext.H)]
    text = "\n".join(line.strip() for line in lines if line.strip())
    title = (headings[0] if headings else _first_line(text)) or url
    return Extracted(title=title, text=text, published_on=find_date(text), language=language_of(text))


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""
