"""HTML brief: a standalone page from the Markdown brief, Arabic blocks right-to-left, sanitised.

python-markdown builds the tree; a treeprocessor marks Arabic blocks
`dir="rtl" lang="ar"`, wraps each event and each claims section in a `<section>`
with a class (so confirmed / disputed / single-source look different, on screen
and on paper) and links every citation `[n]` to its entry in the event's source
list. Article text is untrusted: the Markdown already escapes it, and the body is
then sanitised with nh3 (allow-listed tags, attributes and http(s) links only), so
`<script>`, event handlers and `javascript:` URLs cannot reach the page.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from typing import Any

from summarize.text.normalize import arabic_ratio

# Block elements whose direction is decided by their own text.
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "blockquote", "td", "th"}
DETAILS_HEADING = "Details"  # the Markdown renderer's heading for an event's folded part
# More than this share of Arabic letters makes a block right-to-left; a block
# with some Arabic but less gets dir="auto" so the browser decides per paragraph.
RTL_SHARE = 0.5
# A heading mixing both scripts (the event title is "English · Arabic") reads in its first language.
TITLE_RTL_SHARE = 0.9
_TITLES = {"h1", "h2"}
# h3 heading text → section class (the Markdown renderer's headings).
SECTION_CLASSES = {
    "confirmed": "claims confirmed", "contents": "contents", "disputed": "claims disputed",
    "single source": "claims single-source",
    "sources": "sources", "summary (english)": "summary", "الملخص": "summary",
}
ALLOWED_TAGS = {
    "a", "bdi", "blockquote", "br", "code", "details", "em", "h1", "h2", "h3", "h4", "header", "hr", "li", "ol",
    "p", "section", "span", "strong", "summary", "ul",
}
ALLOWED_ATTRIBUTES = {"*": {"class", "dir", "id", "lang"}, "a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https"}
_CITE = re.compile(r"\[(\d{1,3})\]")
# Defence in depth: even if markup slipped through, the page may run no script and load nothing remote.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

_CSS = """
:root{--ok:#1a7f37;--bad:#cf222e;--one:#9a6700;color-scheme:light}
body{font-family:system-ui,"Noto Naskh Arabic","Noto Sans",sans-serif;max-width:52rem;margin:2rem auto;
padding:0 1rem;line-height:1.6;color:#1b1b1b}
[dir=rtl]{font-family:"Noto Naskh Arabic","Amiri","Noto Sans Arabic","DejaVu Sans",serif;text-align:right}
section.event{border-top:1px solid #ccc;margin-top:1.5rem}
h3{margin-bottom:.3rem}
section.claims{border-inline-start:.4rem solid;padding:.1rem .9rem;margin:.9rem 0;border-radius:.25rem}
section.claims h3::before{font-weight:bold;margin-inline-end:.4rem}
section.confirmed{border-color:var(--ok);background:#effaf2}
section.confirmed h3::before{content:"\\2713";color:var(--ok)}
section.disputed{border-color:var(--bad);border-inline-start-style:double;border-inline-start-width:.6rem;
background:#fff2f2}
section.disputed h3::before{content:"\\26A0";color:var(--bad)}
section.single-source{border-color:var(--one);border-inline-start-style:dashed;background:#fffbea}
section.single-source h3::before{content:"\\2460";color:var(--one)}
a.cite{text-decoration:none;font-size:.85em;unicode-bidi:isolate}
bdi{unicode-bidi:isolate}
details.details{margin:.6rem 0}
details>summary{cursor:pointer;color:#555}
[dir=rtl] ul,[dir=rtl] ol,ul[dir=rtl],ol[dir=rtl]{padding-right:1.5rem;padding-left:0}
section.sources li:target{background:#fff3b0}
@media print{
body{max-width:none;margin:0;font-size:10.5pt;color:#000}
section.claims{-webkit-print-color-adjust:exact;print-color-adjust:exact}
section.claims,li,blockquote{break-inside:avoid}
h1,h2,h3{break-after:avoid}
a{color:inherit}
a.cite{text-decoration:none}
section.sources a[href^="http"]{word-break:break-all}
}
"""


def _text_of(el: ET.Element) -> str:
    """All text inside an element."""
    return "".join(el.itertext())


def _mark_direction(root: ET.Element) -> None:
    """Set dir/lang on every block element whose text is Arabic."""
    for el in root.iter():
        if el.tag not in _BLOCKS:
            continue
        share = arabic_ratio(_text_of(el))
        if el.tag in _TITLES and RTL_SHARE < share < TITLE_RTL_SHARE:
            el.set("dir", "auto")  # "English title · العنوان": the first strong letter decides
        elif share > RTL_SHARE:
            el.set("dir", "rtl")
            el.set("lang", "ar")
        elif share > 0:
            el.set("dir", "auto")


def _wrap_sections(root: ET.Element) -> None:
    """Group the flat body: a header, one section per event (its card, then its details folded in a
    `<details>`, then its sources) and one per appendix (contents, also reported, skipped inputs)."""
    children = list(root)
    for child in children:
        root.remove(child)
    header = ET.SubElement(root, "header")
    container, part = header, None
    for child in children:
        text = _text_of(child).strip()
        if child.tag == "h2":
            m = re.match(r"(\d+)\.", text)
            slug = re.sub(r"[^a-z]+", "-", text.lower()).strip("-") or "part"
            cls = "event" if m else f"appendix {slug}"
            container = ET.SubElement(root, "section", {"class": cls, "id": f"event-{m.group(1)}" if m else slug})
            part = None
        elif child.tag == "h3" and text == DETAILS_HEADING:
            container = _details(container)
            part = None
            continue
        elif child.tag in ("h3", "h4"):
            if child.tag == "h3" and container.tag == "details":  # details end where Sources begin
                container = _parent_section(root, container)
            part = ET.SubElement(container, "section", {"class": SECTION_CLASSES.get(text.lower(), "part")})
        (part if part is not None else container).append(child)
    for li in list(root.iter("li")):  # also-reported stories: their claims fold away under the line
        for sub in [c for c in li if c.tag == "ul"]:
            li.remove(sub)
            box = ET.SubElement(li, "details")
            ET.SubElement(box, "summary").text = f"{len(sub)} claims"
            box.append(sub)


def _details(section: ET.Element) -> ET.Element:
    """A `<details>` at the end of an event section, for its summaries and claims."""
    box = ET.SubElement(section, "details", {"class": "details"})
    ET.SubElement(box, "summary").text = "Summaries and every claim"
    return box


def _parent_section(root: ET.Element, child: ET.Element) -> ET.Element:
    """The section that holds `child`."""
    for el in root.iter("section"):
        if child in list(el):
            return el
    return root


def _isolate_labels(root: ET.Element) -> None:
    """In right-to-left blocks, put each run of citations and the Latin label after it ("[1][4] · 3
    independent origins") in one left-to-right `<bdi>`, so the browser neither reverses the citations
    nor reorders the label into the Arabic around it."""
    for block in list(root.iter()):
        if block.get("dir") != "rtl":
            continue
        children = list(block)
        i = 0
        while i < len(children):
            child = children[i]
            if child.tag != "a":
                i += 1
                continue
            if child.get("class") != "cite":  # a link of Arabic text: only the Latin label after it is isolated
                tail = child.tail or ""
                if re.search(r"[A-Za-z]", tail) and not arabic_ratio(tail):
                    bdi = ET.Element("bdi", {"dir": "ltr"})
                    bdi.text, child.tail = tail, None
                    block.insert(list(block).index(child) + 1, bdi)
                i += 1
                continue
            run = [child]
            while (run[-1].get("class") == "cite" and not (run[-1].tail or "").strip() and i + len(run) < len(children)
                   and children[i + len(run)].get("class") == "cite"):
                run.append(children[i + len(run)])
            tail = run[-1].tail or ""
            latin = bool(re.search(r"[A-Za-z]", tail)) and not arabic_ratio(tail)
            bdi = ET.Element("bdi", {"dir": "ltr"})
            at = list(block).index(run[0])
            for el in run:
                block.remove(el)
                bdi.append(el)
            if latin:
                run[-1].tail, bdi.tail = tail, None
            else:
                run[-1].tail, bdi.tail = None, tail
            block.insert(at, bdi)
            i += len(run)


def _list_direction(root: ET.Element) -> None:
    """A list whose items are mostly Arabic is itself right-to-left, so its bullets sit on the right."""
    for lst in root.iter():
        if lst.tag in ("ul", "ol"):
            items = lst.findall("li")
            if items and sum(li.get("dir") == "rtl" for li in items) * 2 > len(items):
                lst.set("dir", "rtl")


def _link_citations(root: ET.Element) -> None:
    """Give each event's source list items ids and turn `[n]` citations into links to them."""
    for event in root.iter("section"):
        if event.get("class") != "event":
            continue
        prefix = event.get("id", "event")
        known: set[str] = set()
        for sources in event.iter("section"):
            if sources.get("class") == "sources":
                for ol in sources.iter("ol"):
                    start = int(ol.get("start", "1"))
                    for k, li in enumerate(ol.findall("li"), start):
                        li.set("id", f"{prefix}-s{k}")
                        known.add(str(k))
        for el in list(event.iter()):
            if el.tag not in ("a", "code"):
                _link_text(el, prefix, known)


def _link_text(el: ET.Element, prefix: str, known: set[str]) -> None:
    """Split `el`'s own text and its children's tails around citations, inserting `<a class="cite">`."""
    new_children: list[ET.Element] = []
    head, cites = _split(el.text or "", prefix, known)
    el.text = head
    new_children += cites
    for child in list(el):
        new_children.append(child)
        if child.tail:
            child.tail, cites = _split(child.tail, prefix, known)
            new_children += cites
    if len(new_children) != len(el):
        for child in list(el):
            el.remove(child)
        el.extend(new_children)


def _split(text: str, prefix: str, known: set[str]) -> tuple[str, list[ET.Element]]:
    """Text before the first citation, and citation links each carrying the text after it as tail."""
    pieces = _CITE.split(text)  # [text, n, text, n, text, ...]
    if len(pieces) == 1:
        return text, []
    head = pieces[0]
    links: list[ET.Element] = []
    for i in range(1, len(pieces), 2):
        number, after = pieces[i], pieces[i + 1]
        if number not in known:
            if links:
                links[-1].tail = (links[-1].tail or "") + f"[{number}]" + after
            else:
                head += f"[{number}]" + after
            continue
        link = ET.Element("a", {"class": "cite", "href": f"#{prefix}-s{number}"})
        link.text = f"[{number}]"
        link.tail = after
        links.append(link)
    return head, links


def _extension() -> Any:
    """A python-markdown extension that structures, links and marks the parsed tree."""
    from markdown.extensions import Extension
    from markdown.treeprocessors import Treeprocessor

    class BriefProcessor(Treeprocessor):  # type: ignore[misc]
        def run(self, root: ET.Element) -> None:
            """Mark Arabic blocks, wrap sections, link citations."""
            _mark_direction(root)
            _list_direction(root)
            _wrap_sections(root)
            _link_citations(root)
            _isolate_labels(root)

    class BriefExtension(Extension):  # type: ignore[misc]
        def extendMarkdown(self, md: Any) -> None:
            """Register the processor after inline processing; `\\|` is an escape, as md_escape writes it."""
            md.ESCAPED_CHARS = [*md.ESCAPED_CHARS, "|"]
            md.treeprocessors.register(BriefProcessor(md), "brief", 1)

    return BriefExtension()


def sanitize(body: str) -> str:
    """Allow-list the body's HTML: known tags and attributes, http(s) or in-page links, no comments."""
    try:
        import nh3
    except ImportError as exc:  # pragma: no cover - nh3 is a dependency
        raise RuntimeError("the HTML brief needs nh3: pip install nh3") from exc
    return str(nh3.clean(body, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                         link_rel="noopener noreferrer nofollow", strip_comments=True))


def render_html(markdown_text: str, title: str) -> str:
    """Render the Markdown brief as a standalone, sanitised HTML page."""
    import markdown

    body = markdown.markdown(markdown_text, extensions=["sane_lists", _extension()], output_format="html")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"{sanitize(body)}\n</body>\n</html>\n"
    )
