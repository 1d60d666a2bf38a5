"""LaTeX math as readable Unicode text: ``unicode_rows(r"\\frac{\\partial C}{\\partial w_2}")`` → ``["∂C/∂w₂"]``.

The table, command by command:

* ``\\frac{a}{b}`` → ``a/b``, ``(a + b)/c``, ``1/(2n)``; common fractions as ``½``, ``¾``, …
* ``_`` and ``^`` give Unicode scripts when every character has one (``w₁₂``, ``aˡ⁻¹``), else the
  mark before one term or a parenthesised group (``L_target``, ``a_(L−1)``, ``e^(−x/2)``).
* Greek letters, operators, arrows and relations become their symbols (``\\sigma`` → ``σ``);
  ``∂``, ``∇`` and ``Δ`` bind to what follows (``\\partial C`` → ``∂C``).
* ``\\text{…}``, ``\\mathrm{…}`` and the other fonts keep their text; ``\\hat{y}`` → ``ŷ``;
  ``\\sqrt{x + 1}`` → ``√(x + 1)``; ``-`` → ``−``; ``'`` → ``′``; ``\\underbrace{A}_{B}`` → ``[A]_B``.
* Matrices read row by row: ``\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}`` → ``[ a, b; c, d ]``.
  Outside a matrix, ``\\\\`` starts a new row of the result and ``&`` disappears.
* An unknown command keeps its name (``\\tanh`` → ``tanh``).

Groups nested deeper than ``MAX_DEPTH`` are read flat, without recursion, so no input can hang.
This module knows nothing of Markdown: ``tutor.mathtext`` finds the math in a lesson's text.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["unicode_rows"]

SYMBOLS = {
    # Greek letters
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ",
    "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    # calculus and operators
    "nabla": "∇", "partial": "∂", "sum": "Σ", "prod": "Π", "int": "∫",
    "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "ast": "∗", "circ": "∘",
    "odot": "⊙", "otimes": "⊗", "oplus": "⊕",
    # arrows
    "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "mapsto": "↦",
    "leftrightarrow": "↔", "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔",
    "implies": "⟹", "iff": "⟺", "longrightarrow": "⟶",
    # dots
    "dots": "…", "ldots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱",
    # relations
    "approx": "≈", "sim": "∼", "equiv": "≡", "propto": "∝", "leq": "≤", "le": "≤",
    "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠",
    # sets and logic
    "infty": "∞", "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "cup": "∪",
    "cap": "∩", "emptyset": "∅", "forall": "∀", "exists": "∃", "neg": "¬", "land": "∧",
    "lor": "∨", "wedge": "∧", "vee": "∨", "top": "⊤", "bot": "⊥", "perp": "⊥", "mid": "∣",
    # marks and delimiters
    "prime": "′", "ell": "ℓ", "langle": "⟨", "rangle": "⟩", "|": "‖", "Vert": "‖",
    "lVert": "‖", "rVert": "‖", "vert": "|", "lvert": "|", "rvert": "|", "backslash": "\\",
    # spacing: a thin space is a space, \quad two (a tab here, tidied into two spaces), \! none
    ",": " ", ";": " ", ":": " ", ">": " ", " ": " ", "quad": "\t", "qquad": "\t\t", "!": "",
    # sizing and layout commands that show nothing
    "big": "", "Big": "", "bigg": "", "Bigg": "", "bigl": "", "bigr": "", "Bigl": "", "Bigr": "",
    "biggl": "", "biggr": "", "left": "", "right": "", "middle": "", "limits": "", "nolimits": "",
    "displaystyle": "", "textstyle": "", "nonumber": "", "notag": "", "hline": "",
}

# Each character with a Unicode subscript or superscript form, beside that form.
SUBSCRIPTS = dict(zip("0123456789+−=()aehijklmnoprstuvxβγρφχ",
                      "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ"))
SUPERSCRIPTS = dict(zip("0123456789+−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδεθφχ′*⊤",
                        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟᵋᶿᵠᵡ′*ᵀ"))

COMMON_FRACTIONS = {"1/2": "½", "1/3": "⅓", "2/3": "⅔", "1/4": "¼", "3/4": "¾", "1/5": "⅕",
                    "1/6": "⅙", "1/8": "⅛", "3/8": "⅜", "5/8": "⅝", "7/8": "⅞"}

# Combining marks: each follows every letter or digit of its argument.
ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0305",
           "tilde": "\u0303", "widetilde": "\u0303", "vec": "\u20d7", "dot": "\u0307"}

FRACTIONS = {"frac", "dfrac", "tfrac", "cfrac"}
FONTS = {"text", "textrm", "textbf", "textit", "textsf", "texttt", "mbox", "mathrm", "mathbf",
         "mathit", "mathsf", "mathtt", "mathcal", "mathbb", "operatorname", "boldsymbol", "bm"}
TEXT_FONTS = {"text", "textrm", "textbf", "textit", "textsf", "texttt", "mbox"}  # hold words, not math

# The brackets a matrix environment opens and closes with; "cases" opens with "{" only.
MATRICES = {"pmatrix": ("(", ")"), "bmatrix": ("[", "]"), "vmatrix": ("|", "|"),
            "matrix": ("", ""), "cases": ("{", "")}

TIGHT = {"∂", "∇", "Δ"}  # written against what follows: ∂C, ∇w, Δw

# A term is more than one when one of these stands outside brackets: it is then parenthesised.
SEPARATORS = set(" +−-±∓=<>≤≥≈≠≡∼∝×·÷/,;:→←↦⇒⟹∈∘⊙⊗⊕∗*…⋯")

MAX_DEPTH = 40

# A command (\name, \name*), an escaped character (\x), a run of spaces, or one character.
_TOKEN = re.compile(r"\\[A-Za-z]+\*?|\\.|\s+|.", re.S)


def unicode_rows(latex: str) -> list[str]:
    """One math span as rows of Unicode text (``\\\\`` starts a row), spaces tidied, no row empty."""
    rows = _Converter(latex).convert().split("\n")
    return [_tidy(row) for row in rows if row.strip()]


def _tidy(row: str) -> str:
    """One space between terms, none before a comma, two for \\quad (written as a tab)."""
    row = re.sub(r" +", " ", row)
    row = re.sub(r" *([,;]) +", r"\1 ", row)
    row = re.sub(r" *\t *", "  ", row)
    return row.strip()


def _wrap(term: str) -> str:
    """`term` in parentheses when it is more than one term (a separator outside brackets, or 2n)."""
    depth = 0
    previous = ""
    for char in term:
        if char in "([{⟨":
            depth += 1
        elif char in ")]}⟩":
            depth -= 1
        if depth <= 0 and (char in SEPARATORS or (previous.isdecimal() and char.isalpha())):
            return f"({term})"
        previous = char
    return term


def _script(body: str, mark: str) -> str:
    """A subscript (mark "_") or superscript ("^"): Unicode when every character has a form."""
    table = SUPERSCRIPTS if mark == "^" else SUBSCRIPTS
    compact = "".join(body.split())
    if compact and all(char in table for char in compact):
        return "".join(table[char] for char in compact)
    if not body.strip():
        return ""
    return mark + _wrap(body.strip())


def _plain(token: str) -> str:
    """A token as text without reading its arguments: a command's symbol or name."""
    name = token[1:] if token.startswith("\\") and len(token) > 1 else token
    return SYMBOLS.get(name, name)


class _Converter:
    """Reads the tokens of one math span left to right; recursion stops at MAX_DEPTH."""

    def __init__(self, latex: str) -> None:
        self.tokens = _TOKEN.findall(latex)
        self.position = 0
        self.matrix_depth = 0  # inside a matrix, & separates entries and \\ rows

    def peek(self, ahead: int = 0) -> str:
        """The token `ahead` places on, or "" past the end."""
        index = self.position + ahead
        return self.tokens[index] if index < len(self.tokens) else ""

    def take(self) -> str:
        """The next token (consumed), or "" at the end."""
        token = self.peek()
        if token:
            self.position += 1
        return token

    def convert(self) -> str:
        out = []
        while token := self.take():
            if token != "}":  # a stray closing brace is markup
                out.append(self.atom(token, 0, text=False))
        return "".join(out)

    def group(self, depth: int, text: bool) -> str:
        """The rest of a {…} group; its closing brace is consumed."""
        out = []
        while (token := self.take()) and token != "}":
            out.append(self.atom(token, depth, text))
        return "".join(out)

    def argument(self, depth: int, text: bool) -> str:
        """A command's next argument: a {group}, a command or one character ("" if missing)."""
        while self.peek().isspace():
            self.position += 1
        if self.peek() in ("", "}"):
            return ""
        return self.atom(self.take(), depth + 1, text)

    def atom(self, token: str, depth: int, text: bool) -> str:
        """One token and whatever it reads after it. In `text` (\\text{…}) only braces are markup."""
        if depth > MAX_DEPTH:
            return self.flat(token)
        if token == "{":
            return self.group(depth + 1, text)
        if token.isspace():
            return " "
        if token.startswith("\\") and len(token) > 1:
            name = token[1:].rstrip("*") or "*"  # \name* is \name; "\*" is a star
            return self.command(name, depth, text)
        if text:
            return token
        if token in ("^", "_"):
            return _script(self.argument(depth, text), token)
        if token == "&":
            return "," if self.matrix_depth > 0 else ""
        return {"-": "−", "'": "′", "~": " "}.get(token, token)

    def flat(self, token: str) -> str:
        """`token` as text, and for "{" its whole group, without recursion (input nested too deep)."""
        if token != "{":
            return _plain(token)
        out = []
        level = 1
        while level and (token := self.take()):
            if token == "{":
                level += 1
            elif token == "}":
                level -= 1
            else:
                out.append(_plain(token))
        return "".join(out)

    def command(self, name: str, depth: int, text: bool) -> str:
        if name in FRACTIONS:
            numerator = self.argument(depth, text).strip()
            denominator = self.argument(depth, text).strip()
            common = COMMON_FRACTIONS.get(f"{numerator}/{denominator}")
            return common or f"{_wrap(numerator)}/{_wrap(denominator)}"
        if name == "sqrt":
            return "√" + _wrap(self.argument(depth, text).strip())
        if name in ACCENTS:
            body = self.argument(depth, text)
            return "".join(char + ACCENTS[name] if unicodedata.category(char) in ("Lu", "Ll", "Nd") else char
                           for char in body)
        if name in FONTS:
            return self.argument(depth, text or name in TEXT_FONTS)
        if name in ("underbrace", "overbrace"):
            return "[" + self.argument(depth, text).strip() + "]"
        if name in ("begin", "end"):
            return self.environment(name, self.argument(depth, text=True).strip())
        if name == "\\":
            return "; " if self.matrix_depth > 0 else "\n"
        if name in ("left", "right", "middle") and self.peek() == ".":
            self.position += 1  # \left. is an invisible delimiter
        if not name.strip():
            return " "  # "\ " is a space
        symbol = SYMBOLS.get(name, name)
        if symbol in TIGHT and self.peek().isspace() and re.match(r"[\w\\]", self.peek(1)):
            self.position += 1  # ∂C, not ∂ C
        return symbol

    def environment(self, name: str, environment: str) -> str:
        """\\begin{…} or \\end{…}: a matrix opens and closes with its brackets; others show nothing."""
        brackets = MATRICES.get(environment)
        if brackets is None:
            return ""
        if name == "begin":
            self.matrix_depth += 1
            return brackets[0]
        self.matrix_depth -= 1
        return brackets[1]
