"""HTML brief: a standalone page laid out by a Jinja2 template over the brief's view, sanitised.

The template (`templates/brief.html.j2`) lays out the same view as the Markdown (`render.view`): the
contents, a story card per event with its details folded in a `<details>` (every claim, nothing only in
the JSON), the sources with ids that the citations link to. Text fragments are escaped as the Markdown
escapes them and rendered by python-markdown, so the page reads exactly as the .md; Jinja2 autoescapes
everything else. Arabic blocks get `dir="rtl" lang="ar"` (lists too, so bullets sit on the right), and
citation runs and Latin labels inside them are isolated in `<bdi>`. The body is then sanitised with nh3
(allow-listed tags, attributes and http(s) links only) under a strict Content-Security-Policy, so
`<script>`, event handlers and `javascript:` URLs cannot reach the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from summarize.model import Brief
from summarize.render.text import md_escape
from summarize.render.view import ClaimView, DisputeView, SourceView, brief_view
from summarize.text.normalize import arabic_ratio

# More than this share of Arabic letters makes a block right-to-left; a block with some Arabic but less
# gets dir="auto" so the browser decides per paragraph.
RTL_SHARE = 0.5
# A heading mixing both scripts (the event title is "English · Arabic") reads in its first language.
TITLE_RTL_SHARE = 0.9
ALLOWED_TAGS = {
    "a", "bdi", "blockquote", "br", "code", "details", "div", "em", "h1", "h2", "h3", "h4", "header", "hr", "li",
    "ol", "p", "section", "span", "strong", "summary", "ul",
}
ALLOWED_ATTRIBUTES = {"*": {"class", "dir", "id", "lang"}, "a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https"}
# Defence in depth: even if markup slipped through, the page may run no script and load nothing remote.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
TEMPLATES = Path(__file__).parent / "templates"

_CSS = """
:root{--ok:#1a7f37;--bad:#cf222e;--one:#9a6700;color-scheme:light}
body{font-family:system-ui,"Noto Naskh Arabic","Noto Sans",sans-serif;max-width:52rem;margin:2rem auto;
padding:0 1rem;line-height:1.6;color:#1b1b1b}
[dir=rtl]{font-family:"Noto Naskh Arabic","Amiri","Noto Sans Arabic","DejaVu Sans",serif;text-align:right}
section.event{border-top:1px solid #ccc;margin-top:1.5rem}
div.card{margin:.4rem 0 .8rem}
p.coverage{color:#444;margin:.2rem 0}
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


def sanitize(body: str) -> str:
    """Allow-list the body's HTML: known tags and attributes, http(s) or in-page links, no comments."""
    try:
        import nh3
    except ImportError as exc:  # pragma: no cover - nh3 is a dependency
        raise RuntimeError("the HTML brief needs nh3: pip install nh3") from exc
    return str(nh3.clean(body, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                         link_rel="noopener noreferrer nofollow", strip_comments=True))


def direction(text: str, title: bool = False) -> str:
    """The `dir`/`lang` attributes of a block of this text ("" for left-to-right)."""
    share = arabic_ratio(text)
    if title and RTL_SHARE < share < TITLE_RTL_SHARE:
        return ' dir="auto"'  # "English title · العنوان": the first strong letter decides
    if share > RTL_SHARE:
        return ' dir="rtl" lang="ar"'
    return ' dir="auto"' if share > 0 else ""


@cache
def _environment() -> Any:
    """The Jinja2 environment (autoescaping on) with the page's helpers."""
    import jinja2
    import markdown
    from markupsafe import Markup

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=False)
    inline = markdown.Markdown(output_format="html")
    inline.ESCAPED_CHARS = [*inline.ESCAPED_CHARS, "|"]  # md_escape writes `\|`

    def fragment(value: str) -> Any:
        """Untrusted text escaped as the Markdown escapes it, then rendered inline by python-markdown."""
        escaped = md_escape(value)
        if "\\" not in escaped:  # nothing for Markdown to resolve: its output would be the same text
            return Markup(escaped)
        inline.reset()
        out = inline.convert(escaped)
        return Markup(re.sub(r"^<p>(.*)</p>$", r"\1", out, flags=re.S))

    def d(text: str, title: bool = False) -> Any:
        return Markup(direction(text, title))

    def d_list(items: Sequence[Any]) -> Any:
        """A list is right-to-left, bullets on the right, when most of its items are Arabic."""
        rtl = sum(arabic_ratio(_item_text(i)) > RTL_SHARE for i in items) * 2 > len(items)
        return Markup(' dir="rtl"' if rtl else "")

    def cites(numbers: Sequence[int], prefix: str) -> Any:
        links = "".join(f'<a class="cite" href="#{html.escape(prefix)}-s{n}">[{n}]</a>' for n in numbers)
        return Markup(f'<bdi dir="ltr">{links}</bdi>' if links else "")

    env.finalize = lambda value: fragment(value) if isinstance(value, str) and not isinstance(
        value, Markup) else value
    env.globals.update(d=d, d_list=d_list, cites=cites)
    return env


def _item_text(item: Any) -> str:
    """The text that decides a list item's direction: a claim's, a dispute's first side's, a source's title."""
    if isinstance(item, ClaimView):
        return item.text
    if isinstance(item, DisputeView):
        return item.sides[0].text if item.sides else ""
    if isinstance(item, SourceView):
        return item.title or item.label
    return str(item)


def render_html(brief: Brief, langs: tuple[str, ...] = ("en", "ar")) -> str:
    """Render the brief as a standalone, sanitised HTML page (every claim shown, details folded)."""
    view = brief_view(brief, langs, full=True)
    body = _environment().get_template("brief.html.j2").render(view=view)
    title = f"Morning brief — {brief.date}"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"{sanitize(body)}\n</body>\n</html>\n"
    )
