"""Rewrite the LaTeX math of lesson Markdown as readable Unicode text: ``to_unicode(markdown)``.

``$…$``/``$$…$$`` spans become Unicode; fenced code, code spans and ``\\$`` are left untouched.
``\\frac`` → ``∂C/∂w₂``, ``1/(2n)``, ``(a + b)/c``, ``½``.  ``_``/``^`` give Unicode scripts when
every character has one (``w₁₂``, ``aˡ⁻¹``), else the mark before one term or a parenthesised
group (``L_target``, ``a_(L−1)``, ``e^(−x/2)``).  ``\\text``… keep their text; ``\\hat`` → ``ŷ``;
``\\sqrt{x + 1}`` → ``√(x + 1)``; ``-`` → ``−``; ``\\underbrace{A}_{B}`` → ``[A]_B``; matrices →
``[a, b; c, d]``; unknown ``\\cmd`` → ``cmd``.  Display math becomes its own paragraph indented by
four ``&nbsp;`` (never a code block).  Markdown-active characters of the result are escaped.  An
inline ``$`` must close before a blank line and not just before a digit (``$5 and $10`` is text).
Groups deeper than ``_MAX_DEPTH`` are flattened without recursion, so no input can hang.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect

__all__ = ["to_unicode"]

_SYMBOLS = dict(p.split("=", 1) for p in """
alpha=α beta=β gamma=γ delta=δ epsilon=ε varepsilon=ε zeta=ζ eta=η theta=θ vartheta=ϑ iota=ι
kappa=κ lambda=λ mu=μ nu=ν xi=ξ pi=π rho=ρ sigma=σ varsigma=ς tau=τ upsilon=υ phi=φ varphi=φ chi=χ
psi=ψ omega=ω Gamma=Γ Delta=Δ Theta=Θ Lambda=Λ Xi=Ξ Pi=Π Sigma=Σ Phi=Φ Psi=Ψ Omega=Ω nabla=∇
partial=∂ sum=Σ prod=Π int=∫ cdot=· times=× div=÷ pm=± mp=∓ ast=∗ circ=∘ odot=⊙ otimes=⊗ oplus=⊕
to=→ rightarrow=→ leftarrow=← gets=← mapsto=↦ iff=⟺ leftrightarrow=↔ Rightarrow=⇒ Leftarrow=⇐
Leftrightarrow=⇔ implies=⟹ longrightarrow=⟶ dots=… ldots=… cdots=⋯ vdots=⋮ ddots=⋱ approx=≈ sim=∼
equiv=≡ propto=∝ leq=≤ le=≤ geq=≥ ge=≥ neq=≠ ne=≠ infty=∞ in=∈ notin=∉ subset=⊂ subseteq=⊆ cup=∪
cap=∩ emptyset=∅ forall=∀ exists=∃ neg=¬ land=∧ lor=∨ wedge=∧ vee=∨ top=⊤ bot=⊥ perp=⊥ mid=∣
prime=′ ell=ℓ langle=⟨ rangle=⟩ |=‖ Vert=‖ lVert=‖ rVert=‖ vert=| lvert=| rvert=| backslash=\\
""".split()) | {",": " ", ";": " ", ":": " ", ">": " ", " ": " ", "quad": "\t", "qquad": "\t\t",
               "!": ""} | dict.fromkeys("""big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr left
    right middle limits nolimits displaystyle textstyle nonumber notag hline""".split(), "")
_SUB = dict(zip("0123456789+−=()aehijklmnoprstuvxβγρφχ", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ"))
_SUP = dict(zip("0123456789+−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδεθφχ′*⊤",
                "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟᵋᶿᵠᵡ′*ᵀ"))
_VULGAR = dict(zip("1/2 1/3 2/3 1/4 3/4 1/5 1/6 1/8 3/8 5/8 7/8".split(), "½⅓⅔¼¾⅕⅙⅛⅜⅝⅞"))
_ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305",
            "tilde": "\u0303", "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307"}
_FONTS = set("""text textrm textbf textit textsf texttt mbox mathrm mathbf mathit mathsf mathtt
    mathcal mathbb operatorname boldsymbol bm""".split())  # \text…/\mbox hold text, not math
_ENVS = {"pmatrix": "()", "bmatrix": "[]", "vmatrix": "||", "matrix": "", "cases": "{"}  # a, b; c, d
_SEPARATORS = set(" +−-±∓=<>≤≥≈≠≡∼∝×·÷/,;:→←↦⇒⟹∈∘⊙⊗⊕∗*…⋯")
_TOKEN = re.compile(r"\\[A-Za-z]+\*?|\\.|\s+|.", re.S)
_TICKS = re.compile(r"(\\*)(`+)|\n[ \t]*\n")  # backtick runs (after backslashes), blank lines
_CONTAINER = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:([*+-]|\d{1,9}[.)])[ \t]+)?")
_EVENTS = re.compile(r"\\.|\$\$|\$|\n[ \t>]*\n")
_MAX_DEPTH = 40
INDENT = "&nbsp;" * 4


def _wrap(s: str) -> str:
    """s in parentheses when it is more than one term (a separator outside brackets, or 2n)."""
    depth, prev = 0, ""
    for ch in s:
        depth += (ch in "([{⟨") - (ch in ")]}⟩")
        if depth <= 0 and (ch in _SEPARATORS or (prev.isdecimal() and ch.isalpha())):
            return f"({s})"
        prev = ch
    return s


def _script(body: str, mark: str) -> str:
    """Sub/superscript body: Unicode when every character has a form, else _x or _(…)."""
    table = _SUP if mark == "^" else _SUB
    compact = "".join(body.split())
    if compact and all(c in table for c in compact):
        return "".join(table[c] for c in compact)
    return mark + _wrap(body.strip()) if body.strip() else ""


class _Parser:
    """Converts one math span; recursion depth is bounded by _MAX_DEPTH."""

    def __init__(self, src: str) -> None:
        self.toks, self.i, self.matrix = _TOKEN.findall(src) + ["", ""], 0, 0

    def seq(self, depth: int, text: bool = False, closer: str = "") -> str:
        out = []
        while (tok := self.toks[self.i]) and not (closer and tok in (closer, "}")):
            self.i += 1
            out.append(self.atom(tok, depth, text) if tok != "}" else "")  # stray } is markup
        self.i += bool(closer) and self.toks[self.i] == closer
        return "".join(out)

    def arg(self, depth: int, text: bool = False) -> str:
        while self.toks[self.i].isspace():
            self.i += 1
        tok = self.toks[self.i]
        self.i += tok not in ("", "}")
        return self.atom(tok, depth + 1, text) if tok not in ("", "}") else ""

    def atom(self, tok: str, depth: int, text: bool) -> str:
        if depth > _MAX_DEPTH:
            return self.flat(tok)
        if tok == "{":
            return self.seq(depth + 1, text, "}")
        if tok in ("^", "_") and not text:
            return _script(self.arg(depth, text), tok)
        if tok.isspace() or len(tok) > 1:
            return " " if tok.isspace() else self.command(tok[1:].rstrip("*") or "*", depth, text)
        if tok == "&" and not text:
            return "," if self.matrix > 0 else ""
        return tok if text else {"-": "−", "'": "′", "~": " "}.get(tok, tok)

    def flat(self, tok: str) -> str:
        """tok as plain text (for "{", its whole group), without recursion."""
        out, level = [], tok == "{"
        while True:
            name = tok[1:] if len(tok) > 1 else tok.strip("{}")
            out.append(_SYMBOLS.get(name, name))
            if not level or not (tok := self.toks[self.i]):
                return "".join(out)
            self.i += 1
            level += (tok == "{") - (tok == "}")

    def command(self, name: str, depth: int, text: bool) -> str:
        if name in ("frac", "dfrac", "tfrac", "cfrac"):
            num, den = self.arg(depth, text).strip(), self.arg(depth, text).strip()
            return _VULGAR.get(f"{num}/{den}") or f"{_wrap(num)}/{_wrap(den)}"
        if name == "sqrt":
            return "√" + _wrap(self.arg(depth, text).strip())
        if name in _ACCENTS:
            body, mark = self.arg(depth, text), _ACCENTS[name]  # the mark follows each letter
            return "".join(c + mark if unicodedata.category(c) in ("Lu", "Ll", "Nd") else c
                           for c in body)
        if name in _FONTS:
            return self.arg(depth, text or name.startswith("text") or name == "mbox")
        if name in ("underbrace", "overbrace"):
            return "[" + self.arg(depth, text).strip() + "]"
        if name in ("begin", "end"):
            env = self.arg(depth, True).strip()
            self.matrix += (env in _ENVS) * (1 if name == "begin" else -1)
            return _ENVS.get(env, "")[name == "end":][:1]
        if name in ("left", "right", "middle"):
            self.i += self.toks[self.i] == "."  # \left. is an invisible delimiter
        if name == "\\":
            return "; " if self.matrix > 0 else "\n"
        out = _SYMBOLS.get(name, name) if name.strip() else " "
        if out in ("∂", "∇", "Δ") and self.toks[self.i].isspace():  # tight: ∂ C → ∂C
            self.i += bool(re.match(r"[\w\\]", self.toks[self.i + 1]))
        return out


def _math_rows(src: str) -> list[str]:
    """Convert one math span to Markdown-escaped rows of Unicode text (a tab marks \\quad)."""
    rows = (re.sub(r" *([,;]) +| *(\t) *", r"\1\2 ", re.sub(r" +", " ", r)).replace("\t ", "  ")
            for r in _Parser(src).seq(0).split("\n"))
    return [re.sub(r"([\\`*_\[\]<&|$~])", r"\\\1", r.strip()) for r in rows if r.strip()]


def _code_ranges(doc: str) -> list[tuple[int, int]]:
    """(start, end) of fenced code blocks and inline code spans, in order."""
    ranges, fence, opened, pos = [], "", 0, 0
    for m in re.finditer(r"^[ \t]*(`{3,}|~{3,})(.*)$", doc, re.M):
        if not fence and not (m[1][0] == "`" and "`" in m[2]):
            ranges += _code_spans(doc, pos, m.start())
            fence, opened = m[1], m.start()
        elif fence and m[1][0] == fence[0] and len(m[1]) >= len(fence) and not m[2].strip():
            ranges.append((opened, m.end()))
            fence, pos = "", m.end()
    return ranges + ([(opened, len(doc))] if fence else _code_spans(doc, pos, len(doc)))


def _code_spans(doc: str, start: int, end: int) -> list[tuple[int, int]]:
    """Code spans: a backtick run up to the next run of its length in the same paragraph."""
    found = list(_TICKS.finditer(doc, start, end))
    runs = [(m.start(2), m.end(2), len(m[1]) % 2) for m in found if m[2]]  # (start, end, escaped)
    blanks = [m.start() for m in found if not m[2]]
    nxt, seen = {}, {}  # run k -> next run as long as k's opener (an escaped ` opens nothing)
    for k, (a, b, escaped) in reversed(list(enumerate(runs))):
        nxt[k], seen[b - a] = seen.get(b - a - escaped), k  # a backslash in code is literal
    spans, k = [], 0
    while k < len(runs):
        j = nxt[k]
        if j is not None and bisect(blanks, runs[k][0]) == bisect(blanks, runs[j][0]):
            spans.append((runs[k][0] + runs[k][2], runs[j][1]))
            k = j
        k += 1
    return spans


def _filled(doc: str, i: int) -> bool:
    """Whether the line holding doc[i] has text (not just spaces and '>')."""
    end = doc.find("\n", i) % (len(doc) + 1)
    return bool(doc[doc.rfind("\n", 0, i) + 1:end].strip(" \t>\r"))


def _display(doc: str, s: int, e: int, last: int, rows: list[str], out: list[str]) -> int:
    """Emit display math doc[s:e] as its own paragraph; return the new copy position."""
    line_start = doc.rfind("\n", 0, s) + 1
    m = _CONTAINER.match(doc, line_start, s)  # indentation, '>' quotes, a list marker
    cont = doc[line_start:m.start(1)] + " " * (m.end() - m.start(1)) if m[1] else m[0]
    blank = cont.rstrip() + "\n"
    if doc[m.end():s].strip() or line_start < last:  # text before it on its line
        out.append(doc[last:s].rstrip(" \t") + "\n" + blank + cont)
    elif m[1]:  # the math opens a list item: stay on the marker's line
        out.append(doc[last:s])
    else:
        out.append(doc[last:line_start])
        gap = line_start and _filled(doc, line_start - 1)
        out.append(blank * bool(gap and not "".join(out[-3:]).endswith("\n" + blank)) + cont)
    out.append(("\\\n" + cont).join(INDENT + row for row in rows) + "\n")
    eol = doc.find("\n", e) % (len(doc) + 1)
    tail = doc[e:eol]
    if tail.strip():  # text follows on the same line: it starts a new paragraph
        out.append(blank + cont)
        return e + len(tail) - len(tail.lstrip())
    out.append(blank if eol + 1 < len(doc) and _filled(doc, eol + 1) else "")
    return min(eol + 1, len(doc))


def _convert_text(doc: str, start: int, end: int, out: list[str]) -> None:
    """Rewrite the math in doc[start:end], a stretch without code."""
    evs = [(m.start(), m.end(), m[0]) for m in _EVENTS.finditer(doc, start, end)]
    last, i = start, 0
    while i < len(evs):
        kind, j = evs[i][2], i + 1  # find the closing $ or $$: skip escapes (and $ in $$…$$)
        skip = ("$",) if kind == "$$" else ()
        while kind[0] == "$" and j < len(evs) and (evs[j][2][0] == "\\" or evs[j][2] in skip):
            j += 1
        ok = kind[0] == "$" and j < len(evs) and evs[j][2] == kind
        ok = ok and (kind == "$$" or not doc[evs[j][1]:evs[j][1] + 1].isdecimal())
        body = doc[evs[i][1]:evs[j][0]] if ok else ""
        rows = (_math_rows(body) or [""]) if body.strip() else None  # "" if only markup
        if rows is None:
            i += 1
            continue
        if kind == "$$":
            last = min(_display(doc, evs[i][0], evs[j][1], last, rows, out), end)
        else:
            out.append(doc[last:evs[i][0]] + "; ".join(rows))
            last = evs[j][1]
        i = j + 1
        while i < len(evs) and evs[i][0] < last:
            i += 1
    out.append(doc[last:end])


def to_unicode(markdown: str) -> str:
    """Return markdown with every $…$ and $$…$$ math span rewritten as Unicode text."""
    out, pos = [], 0
    for a, b in _code_ranges(markdown):
        _convert_text(markdown, pos, a, out)
        out.append(markdown[a:b])
        pos = b
    _convert_text(markdown, pos, len(markdown), out)
    return "".join(out)


def to_plain(text: str) -> str:
    """Plain text (not Markdown, nothing escaped): each $…$ and $$…$$ span rewritten as Unicode.

    For widgets that show text as it is (a question, a hint): display math goes on its own
    indented line.
    """
    def rows(src: str) -> list[str]:
        return [" ".join(row.split()) for row in _Parser(src).seq(0).split("\n") if row.strip()]

    text = re.sub(r"\$\$(.+?)\$\$", lambda m: "\n    " + "\n    ".join(rows(m[1])) + "\n", text, flags=re.S)
    return re.sub(r"(?<!\\)\$([^$\n]+?)\$(?!\d)", lambda m: "; ".join(rows(m[1])), text).replace("\\$", "$")
