"""HTML for outcome, hint and solution boxes (plain text is always offered too)."""

from __future__ import annotations

import html
import re

__all__ = ["box_html", "code_html", "inline_html"]

_COLOURS = {
    "benar": ("#e6f4ea", "#1e7e34"),
    "salah": ("#fdecea", "#b3261e"),
    "error": ("#fdecea", "#b3261e"),
    "belum_dikerjakan": ("#f1f3f4", "#5f6368"),
    "tidak_dapat_diperiksa": ("#fff4e5", "#a05a00"),
    "hint": ("#e8f0fe", "#1a56db"),
    "solution": ("#f3e8fd", "#6a1b9a"),
    "info": ("#f1f3f4", "#3c4043"),
}
_CODE = re.compile(r"`([^`]+)`")
_EMPH = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])")


def inline_html(text: str) -> str:
    """A check message as inline HTML: escaped, `code` and *emphasis* marked.

    Examples
    --------
    >>> inline_html("Jalankan `latihan.soal1.hint()` *dulu* <b>")
    'Jalankan <code>latihan.soal1.hint()</code> <em>dulu</em> &lt;b&gt;'
    """
    out = _CODE.sub(r"<code>\1</code>", html.escape(text, quote=False))
    return _EMPH.sub(r"<em>\1</em>", out).replace("\n", "<br>")


def box_html(kind: str, title: str, message: str) -> str:
    """A coloured box: bold title, then the message (`code` spans become <code>).

    Examples
    --------
    >>> "<code>x</code> <em>aktif</em>" in box_html("benar", "Benar", "`x` *aktif*")
    True
    """
    bg, fg = _COLOURS.get(kind, _COLOURS["info"])
    return (
        f'<div style="background:{bg};border-left:4px solid {fg};padding:6px 10px;'
        f'margin:4px 0"><b style="color:{fg}">{html.escape(title)}</b> {inline_html(message)}</div>'
    )


def code_html(kind: str, title: str, code: str) -> str:
    """A coloured box holding a block of code."""
    bg, fg = _COLOURS.get(kind, _COLOURS["info"])
    return (
        f'<div style="background:{bg};border-left:4px solid {fg};padding:6px 10px;'
        f'margin:4px 0"><b style="color:{fg}">{html.escape(title)}</b>'
        f"<pre>{html.escape(code)}</pre></div>"
    )
