"""tutor.mathtext and tutor.latex: the lessons' LaTeX math as readable Unicode inside still-valid Markdown.

Everything here is self-contained: the formulas below are written in the notation of the book's
chapter 3 and of the lessons, and `DOCUMENT` is a text of our own that uses every construct they do.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import markdown_it
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor import latex, mathtext
from tutor.latex import SUBSCRIPTS, SUPERSCRIPTS
from tutor.catalog import course_dir
from tutor.mathtext import to_plain, to_unicode

NBSP4 = "&nbsp;" * 4

# Formulas in the notation of chapter 3 ("Neural Network as a Chain of Functions") and the lessons:
# (delimiter, LaTeX, expected text; display math is expected as its own line NBSP4 + text + "\n").
FORMULAS = [
    ('$', r"x",
     'x'),
    ('$', r"y",
     'y'),
    ('$', r"L",
     'L'),
    ('$', r"w^l, b^l",
     'wˡ, bˡ'),
    ('$', r"l",
     'l'),
    ('$', r"a^l",
     'aˡ'),
    ('$', r"\sigma",
     'σ'),
    ('$$', '\n x \\rightarrow a^{1} \\rightarrow \\dots \\rightarrow a^{L} \\rightarrow y\n',
     'x → a¹ → … → aᴸ → y'),
    ('$$', '\n  a^{l} = \\sigma(w^l a^{l-1} + b^l)\n',
     'aˡ = σ(wˡ aˡ⁻¹ + bˡ)'),
    ('$', r"a^0 = x",
     'a⁰ = x'),
    ('$', r"z = w^T x + b",
     'z = wᵀ x + b'),
    ('$$', '\nf(x) = W_L W_{L-1} \\dots W_1 x\n',
     'f(x) = W\\_L W\\_(L−1) … W₁ x'),
    ('$$', '\nf(x) = Wx\n',
     'f(x) = Wx'),
    ('$$', r"f(x) = f_L(...f_2(f_1(x))...)",
     'f(x) = f\\_L(...f₂(f₁(x))...)'),
    ('$', r" y(x) - a^L(x) ",
     'y(x) − aᴸ(x)'),
    ('$$', '\n C = \\frac{1}{2n} \\sum_{x} \\|y(x) - a^L(x)\\|^2\n',
     'C = 1/(2n) Σₓ ‖y(x) − aᴸ(x)‖²'),
    ('$', r"n",
     'n'),
    ('$', r"y(x)",
     'y(x)'),
    ('$', r"a^L(x)",
     'aᴸ(x)'),
    ('$', r"w",
     'w'),
    ('$', r"b",
     'b'),
    ('$', r"C",
     'C'),
    ('$', r"f(x)",
     'f(x)'),
    ('$', r"( f(x) = x^2 )",
     '( f(x) = x² )'),
    ('$$', '\nx \\leftarrow x - \\eta \\frac{df}{dx}\n',
     'x ← x − η df/dx'),
    ('$', r"( \eta )",
     '( η )'),
    ('$$', r"L = g(f(x, w_1), w_2)",
     'L = g(f(x, w₁), w₂)'),
    ('$', r"w_1",
     'w₁'),
    ('$', r"w_2",
     'w₂'),
    ('$', r"f",
     'f'),
    ('$', r"g",
     'g'),
    ('$$', r"f(x, w_1) = x \cdot w_1 + b_1",
     'f(x, w₁) = x · w₁ + b₁'),
    ('$$', r"g(z, w_2) = z \cdot w_2 + b_2",
     'g(z, w₂) = z · w₂ + b₂'),
    ('$$', r"L = g(f(x, w_1), w_2) = (x \cdot w_1 + b_1) \cdot w_2 + b_2",
     'L = g(f(x, w₁), w₂) = (x · w₁ + b₁) · w₂ + b₂'),
    ('$', r"x = 2.0",
     'x = 2.0'),
    ('$', r"b_1 = 1.0",
     'b₁ = 1.0'),
    ('$', r"b_2 = 0.5",
     'b₂ = 0.5'),
    ('$', r"w_1 = 0.5",
     'w₁ = 0.5'),
    ('$', r"w_2 = 1.5",
     'w₂ = 1.5'),
    ('$$', r"z = f(x, w_1) = 2.0  \times  0.5 + 1.0 = 2.0",
     'z = f(x, w₁) = 2.0 × 0.5 + 1.0 = 2.0'),
    ('$$', r"L = g(z, w_2) = 2.0  \times  1.5 + 0.5 = 3.5",
     'L = g(z, w₂) = 2.0 × 1.5 + 0.5 = 3.5'),
    ('$', r"L_{\text{target}} = 5.0",
     'L\\_target = 5.0'),
    ('$$', r"E = \frac{1}{2}(L - L_{\text{target}})^2 = \frac{1}{2}(3.5 - 5.0)^2 = \frac{1}{2}(-1.5)^2 = 1.125",
     'E = ½(L − L\\_target)² = ½(3.5 − 5.0)² = ½(−1.5)² = 1.125'),
    ('$$', r"\frac{\partial L}{\partial w_1} \quad  \text{and} \quad  \frac{\partial L}{\partial w_2}",
     '∂L/∂w₁  and  ∂L/∂w₂'),
    ('$', r"L = g(f(x, w_1), w_2)",
     'L = g(f(x, w₁), w₂)'),
    ('$', r"z = f(x, w_1)",
     'z = f(x, w₁)'),
    ('$$', r"L = g(z, w_2)",
     'L = g(z, w₂)'),
    ('$', r"\frac{\partial L}{\partial w_1}",
     '∂L/∂w₁'),
    ('$$', r"\frac{\partial L}{\partial w_1} = \frac{\partial L}{\partial z} \cdot  \frac{\partial z}{\partial w_1}",
     '∂L/∂w₁ = ∂L/∂z · ∂z/∂w₁'),
    ('$', r"z",
     'z'),
    ('$$', r"\frac{\partial L}{\partial z} = \frac{\partial}{\partial z}(z \cdot w_2 + b_2) = w_2 = 1.5",
     '∂L/∂z = ∂/∂z(z · w₂ + b₂) = w₂ = 1.5'),
    ('$$', r"\frac{\partial z}{\partial w_1} = \frac{\partial}{\partial w_1}(x \cdot w_1 + b_1) = x = 2.0",
     '∂z/∂w₁ = ∂/∂w₁(x · w₁ + b₁) = x = 2.0'),
    ('$$', r"\frac{\partial L}{\partial w_1} = 1.5  \times  2.0 = 3.0",
     '∂L/∂w₁ = 1.5 × 2.0 = 3.0'),
    ('$', r"3.0  \times  0.1 = 0.3",
     '3.0 × 0.1 = 0.3'),
    ('$', r"\frac{\partial L}{\partial w_2}",
     '∂L/∂w₂'),
    ('$$', r"\frac{\partial L}{\partial w_2} = \frac{\partial}{\partial w_2}(z \cdot w_2 + b_2) = z = 2.0",
     '∂L/∂w₂ = ∂/∂w₂(z · w₂ + b₂) = z = 2.0'),
    ('$', r"2.0  \times  0.1 = 0.2",
     '2.0 × 0.1 = 0.2'),
    ('$', r"\alpha = 0.2",
     'α = 0.2'),
    ('$$', r"w_1^{\text{new}} = w_1 + \alpha  \cdot  \frac{\partial L}{\partial w_1} = 0.5 + 0.2  \times  3.0 = 0.5 + 0.6 = 1.1",
     'w₁ⁿᵉʷ = w₁ + α · ∂L/∂w₁ = 0.5 + 0.2 × 3.0 = 0.5 + 0.6 = 1.1'),
    ('$$', r"w_2^{\text{new}} = w_2 + \alpha  \cdot  \frac{\partial L}{\partial w_2} = 1.5 + 0.2  \times  2.0 = 1.5 + 0.4 = 1.9",
     'w₂ⁿᵉʷ = w₂ + α · ∂L/∂w₂ = 1.5 + 0.2 × 2.0 = 1.5 + 0.4 = 1.9'),
    ('$', r"w - \alpha  \cdot  \frac{\partial E}{\partial w}",
     'w − α · ∂E/∂w'),
    ('$$', r"z^{\text{new}} = x \cdot w_1^{\text{new}} + b_1 = 2.0  \times  1.1 + 1.0 = 3.2",
     'zⁿᵉʷ = x · w₁ⁿᵉʷ + b₁ = 2.0 × 1.1 + 1.0 = 3.2'),
    ('$$', r"L^{\text{new}} = z^{\text{new}} \cdot w_2^{\text{new}} + b_2 = 3.2  \times  1.9 + 0.5 = 6.58",
     'Lⁿᵉʷ = zⁿᵉʷ · w₂ⁿᵉʷ + b₂ = 3.2 × 1.9 + 0.5 = 6.58'),
    ('$', r"L = 3.5",
     'L = 3.5'),
    ('$', r"L = 6.58",
     'L = 6.58'),
    ('$', r"\alpha = 0.1",
     'α = 0.1'),
    ('$', r"w_1^{\text{new}} = 0.8",
     'w₁ⁿᵉʷ = 0.8'),
    ('$', r"w_2^{\text{new}} = 1.7",
     'w₂ⁿᵉʷ = 1.7'),
    ('$', r"z^{\text{new}} = 2.6",
     'zⁿᵉʷ = 2.6'),
    ('$', r"L^{\text{new}} = 4.92",
     'Lⁿᵉʷ = 4.92'),
    ('$', r"b_1",
     'b₁'),
    ('$', r"b_2",
     'b₂'),
    ('$', r"z_1 = w_1 x + b_1",
     'z₁ = w₁ x + b₁'),
    ('$', r"a_1 = \sigma(z_1)",
     'a₁ = σ(z₁)'),
    ('$', r"z_2 = w_2 a_1 + b_2",
     'z₂ = w₂ a₁ + b₂'),
    ('$', r"a_2 = \sigma(z_2)",
     'a₂ = σ(z₂)'),
    ('$', r"\hat{y}",
     'ŷ'),
    ('$$', r" C = \frac{1}{2}(y - a_2)^2 ",
     'C = ½(y − a₂)²'),
    ('$', r"\frac{\partial C}{\partial w_1}, \frac{\partial C}{\partial b_1}, \frac{\partial C}{\partial w_2}, \frac{\partial C}{\partial b_2}",
     '∂C/∂w₁, ∂C/∂b₁, ∂C/∂w₂, ∂C/∂b₂'),
    ('$$', r" \frac{\partial C}{\partial w_2} = \frac{\partial C}{\partial a_2} \cdot \frac{\partial a_2}{\partial z_2} \cdot \frac{\partial z_2}{\partial w_2} ",
     '∂C/∂w₂ = ∂C/∂a₂ · ∂a₂/∂z₂ · ∂z₂/∂w₂'),
    ('$', r"\frac{\partial C}{\partial a_2} = -(y - a_2)",
     '∂C/∂a₂ = −(y − a₂)'),
    ('$', r"\frac{1}{2}(y-a)^2",
     '½(y−a)²'),
    ('$', r"\frac{\partial a_2}{\partial z_2} = \sigma'(z_2)",
     '∂a₂/∂z₂ = σ′(z₂)'),
    ('$', r"\frac{\partial z_2}{\partial w_2} = a_1",
     '∂z₂/∂w₂ = a₁'),
    ('$$', r" \frac{\partial C}{\partial w_2} = -(y - a_2) \sigma'(z_2) a_1 ",
     '∂C/∂w₂ = −(y − a₂) σ′(z₂) a₁'),
    ('$', r"\delta_2 = -(y - a_2) \sigma'(z_2)",
     'δ₂ = −(y − a₂) σ′(z₂)'),
    ('$$', r" \frac{\partial C}{\partial w_2} = \delta_2 a_1 ",
     '∂C/∂w₂ = δ₂ a₁'),
    ('$$', r" \frac{\partial C}{\partial b_2} = \delta_2 \cdot 1 = \delta_2 ",
     '∂C/∂b₂ = δ₂ · 1 = δ₂'),
    ('$', r"w_1 \to z_1 \to a_1 \to z_2 \to a_2 \to C",
     'w₁ → z₁ → a₁ → z₂ → a₂ → C'),
    ('$$', r" \frac{\partial C}{\partial w_1} = \underbrace{\frac{\partial C}{\partial a_2} \cdot \frac{\partial a_2}{\partial z_2}}_{\delta_2} \cdot \frac{\partial z_2}{\partial a_1} \cdot \frac{\partial a_1}{\partial z_1} \cdot \frac{\partial z_1}{\partial w_1} ",
     '∂C/∂w₁ = \\[∂C/∂a₂ · ∂a₂/∂z₂\\]\\_δ₂ · ∂z₂/∂a₁ · ∂a₁/∂z₁ · ∂z₁/∂w₁'),
    ('$', r"\delta_2",
     'δ₂'),
    ('$', r"\frac{\partial z_2}{\partial a_1} = w_2",
     '∂z₂/∂a₁ = w₂'),
    ('$', r"\frac{\partial a_1}{\partial z_1} = \sigma'(z_1)",
     '∂a₁/∂z₁ = σ′(z₁)'),
    ('$', r"\frac{\partial z_1}{\partial w_1} = x",
     '∂z₁/∂w₁ = x'),
    ('$$', r" \frac{\partial C}{\partial w_1} = \delta_2 \cdot w_2 \cdot \sigma'(z_1) \cdot x ",
     '∂C/∂w₁ = δ₂ · w₂ · σ′(z₁) · x'),
    ('$', r"\delta_1 = \delta_2 w_2 \sigma'(z_1)",
     'δ₁ = δ₂ w₂ σ′(z₁)'),
    ('$$', r" \frac{\partial C}{\partial w_1} = \delta_1 x ",
     '∂C/∂w₁ = δ₁ x'),
    ('$$', r" \frac{\partial C}{\partial b_1} = \delta_1 ",
     '∂C/∂b₁ = δ₁'),
    ('$$', r" w_1 \leftarrow w_1 - \eta \delta_1 x ",
     'w₁ ← w₁ − η δ₁ x'),
    ('$$', r" w_2 \leftarrow w_2 - \eta \delta_2 a_1 ",
     'w₂ ← w₂ − η δ₂ a₁'),
    ('$', r"\delta",
     'δ'),
]


def _md():
    return markdown_it.MarkdownIt("commonmark")


def _rendered_text(markdown: str) -> str:
    """What a Markdown renderer shows: the text of all inline tokens, entities decoded."""
    out = []
    for tok in _md().parse(markdown):
        for child in tok.children or []:
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append("\n")
        if tok.type in ("fence", "code_block"):
            out.append(tok.content)
    return "".join(out)


def _latex_left(markdown: str) -> list[str]:
    """The LaTeX commands and dollars a renderer would still show outside code (none once converted)."""
    shown = []
    for token in _md().parse(markdown):
        shown += [child.content for child in token.children or [] if child.type == "text"]
    return re.findall(r"\\[A-Za-z]+|\$", "".join(shown))


@pytest.mark.parametrize(("delim", "latex", "expected"), FORMULAS)
def test_every_formula_reads_as_unicode(delim, latex, expected):
    got = to_unicode(f"{delim}{latex}{delim}")
    assert got == (f"{NBSP4}{expected}\n" if delim == "$$" else expected)
    # and the Markdown renderer shows the math literally: no emphasis, no code, no links
    tokens = [t.type for tok in _md().parse(got) for t in tok.children or []]
    assert set(tokens) <= {"text", "softbreak", "hardbreak"}
    assert "\\" not in _rendered_text(got) and "$" not in _rendered_text(got)


# A lesson-like text of our own with every construct the chapter and the lessons use: headings,
# inline and display math (on its own lines, over several lines, inside a paragraph, in a list
# item, in a quote), aligned rows, a matrix, escaped and currency dollars, and code of every kind.
DOCUMENT = r"""# The chain of functions $f_L \circ \dots \circ f_1$

A network of $L$ layers is a chain. Layer $l$ takes $a^{l-1}$ and gives
$a^l = \sigma(w^l a^{l-1} + b^l)$, starting from $a^0 = x$.

$$
C = \frac{1}{2n} \sum_{x} \|y(x) - a^L(x)\|^2
$$

The error term of the output layer is $\delta_2 = -(y - a_2) \sigma'(z_2)$, so that
$$\frac{\partial C}{\partial w_2} = \delta_2 a_1$$ and one step of gradient descent reads
$$ w_2 \leftarrow w_2 - \eta \delta_2 a_1 $$

Going one layer back:

$$\frac{\partial C}{\partial w_1} = \underbrace{\frac{\partial C}{\partial a_2} \cdot \frac{\partial a_2}{\partial z_2}}_{\delta_2} \cdot w_2 \cdot \sigma'(z_1) \cdot x$$

Both equations at once:

$$z_1 &= w_1 x + b_1 \\ a_1 &= \sigma(z_1)$$

With two inputs the weights form a matrix $W = \begin{bmatrix} w_{11} & w_{12} \\ w_{21} & w_{22} \end{bmatrix}$.

- the forward pass computes $z_1$, $a_1$, $z_2$, $a_2$ and $C$;
- the backward pass computes $\delta_2$, then $\delta_1 = \delta_2 w_2 \sigma'(z_1)$;
- $$\nabla_w C$$ collects every $\frac{\partial C}{\partial w}$.

> Remember: $L_{\text{target}} = 5$ is where we want $L$ to be, and
> $$E = \frac{1}{2}(L - L_{\text{target}})^2$$
> measures how far it is.

A model that costs \$5 to train and one that costs $10 are still only text, and so is `$x$` in
code, and so is this:

```python
loss = 0.5 * (y - a) ** 2  # $\frac{1}{2}(y - a)^2$
```

    an indented block is code too: $a_1$

The learning rate $\eta$ is a small number ($\eta = 0.1$ here).
"""

DISPLAYS = 7  # display formulas in DOCUMENT


def test_a_whole_lesson_text_converts_cleanly():
    out = to_unicode(DOCUMENT)
    tokens = _md().parse(out)
    source_tokens = _md().parse(DOCUMENT)
    for kind in ("fence", "code_block"):  # code is kept as written, and no new code appears
        assert [t.content for t in tokens if t.type == kind] == [t.content for t in source_tokens if t.type == kind]
    assert [t.type for t in tokens if t.type.endswith("_open") and "paragraph" not in t.type] == [
        t.type for t in source_tokens if t.type.endswith("_open") and "paragraph" not in t.type]
    assert _latex_left(out) == ["$", "$"]  # the two costs
    displays = [t for t in tokens if t.type == "inline" and t.content.startswith(NBSP4)]
    assert len(displays) == DISPLAYS
    for index, token in enumerate(tokens):
        if token in displays:  # each is a paragraph of its own
            assert tokens[index - 1].type == "paragraph_open"
    text = _rendered_text(out)
    assert "aˡ = σ(wˡ aˡ⁻¹ + bˡ)" in text and "C = 1/(2n) Σₓ ‖y(x) − aᴸ(x)‖²" in text
    assert "w₂ ← w₂ − η δ₂ a₁" in text and "[∂C/∂a₂ · ∂a₂/∂z₂]_δ₂" in text
    assert "z₁ = w₁ x + b₁\n" in text and "[ w₁₁, w₁₂; w₂₁, w₂₂ ]" in text
    assert "costs $5 to train and one that costs $10 are" in text
    assert "# $\\frac{1}{2}(y - a)^2$" in text and "code too: $a_1$" in text
    assert to_unicode(out) == out  # nothing left to convert


def _lesson_texts() -> list[tuple[str, str]]:
    """(where, text) of every string with a $ in the course's lesson files."""
    found = []

    def walk(value, where):
        if isinstance(value, str) and "$" in value:
            found.append((where, value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}")
        elif isinstance(value, list):
            for number, item in enumerate(value):
                walk(item, f"{where}[{number}]")

    for path in sorted(course_dir().glob("*.toml")):
        walk(tomllib.loads(path.read_text(encoding="utf-8")), path.name)
    return found


LESSON_TEXTS = _lesson_texts()


def test_the_course_has_math_to_convert():
    assert len(LESSON_TEXTS) > 50


@pytest.mark.parametrize(("where", "text"), LESSON_TEXTS, ids=[where for where, _ in LESSON_TEXTS])
def test_every_lesson_text_converts_cleanly(where, text):
    out = to_unicode(text)
    assert _latex_left(out) == []
    assert not [t for t in _md().parse(out) if t.type == "code_block"]
    assert to_unicode(out) == out
    plain = to_plain(text)
    assert "\\frac" not in plain and "\\partial" not in plain and "\\sigma" not in plain


@pytest.mark.parametrize(("latex", "expected"), [
    # fractions
    (r"\frac{\partial C}{\partial w_2}", "∂C/∂w₂"),
    (r"\frac{1}{2n}", "1/(2n)"),
    (r"\frac{1}{2}", "½"), (r"\frac{1}{3}", "⅓"), (r"\frac{1}{4}", "¼"), (r"\frac{3}{4}", "¾"),
    (r"\frac12", "½"),
    (r"\frac{a + b}{c}", "(a + b)/c"),
    (r"\frac{a}{b + c}", "a/(b + c)"),
    (r"\frac{a}{b}", "a/b"),
    (r"\frac{df}{dx}", "df/dx"),
    (r"\frac{f(x)}{g(x)}", "f(x)/g(x)"),
    (r"\frac{\frac{a}{b}}{c}", "(a/b)/c"),
    (r"\dfrac{x}{2}", "x/2"),
    # subscripts
    (r"w_2", "w₂"), (r"w_{12}", "w₁₂"), (r"w_{ij}", "wᵢⱼ"), (r"\sum_{x}", "Σₓ"),
    (r"a_{L-1}", r"a\_(L−1)"), (r"W_L", r"W\_L"), (r"L_{\text{target}}", r"L\_target"),
    (r"x_{\text{max}}", "xₘₐₓ"), (r"w_{i,j}", r"w\_(i,j)"),
    # superscripts
    (r"a^l", "aˡ"), (r"a^{l-1}", "aˡ⁻¹"), (r"x^2", "x²"), (r"w^T", "wᵀ"), (r"a^L", "aᴸ"),
    (r"W^{(l)}", "W⁽ˡ⁾"), (r"x^{-1}", "x⁻¹"), (r"w^*", r"w\*"), (r"w_1^{\text{new}}", "w₁ⁿᵉʷ"),
    (r"x^q", "x^q"), (r"e^{-x/2}", "e^(−x/2)"), (r"e^{\frac{x}{2}}", "e^(x/2)"),
    # Greek and symbols
    (r"\sigma, \delta, \Delta, \eta, \alpha, \beta, \epsilon, \theta, \lambda, \mu",
     "σ, δ, Δ, η, α, β, ε, θ, λ, μ"),
    (r"\nabla, \partial, \sum \prod \cdot \times", "∇, ∂, Σ Π · ×"),
    (r"\Delta \eta", "Δη"),  # ∂, ∇ and Δ bind tight to what follows
    (r"\rightarrow \to \leftarrow \dots \ldots \cdots", "→ → ← … … ⋯"),
    (r"\approx \leq \geq \neq \infty \odot", "≈ ≤ ≥ ≠ ∞ ⊙"),
    (r"\nabla_w C", r"∇\_w C"), (r"\partial C", "∂C"), (r"\partial = 0", "∂ = 0"),
    (r"\Delta w", "Δw"),
    (r"\|y - a\|^2", "‖y − a‖²"),
    (r"\sqrt{x}", "√x"), (r"\sqrt{x + 1}", "√(x + 1)"), (r"\sqrt{\sigma^2 + \epsilon}", "√(σ² + ε)"),
    (r"\hat{y}", "y\u0302"), (r"\bar{x}", "x\u0304"), (r"\hat{\theta}", "θ\u0302"),
    (r"\text{target}", "target"), (r"\mathrm{ReLU}(z)", "ReLU(z)"), (r"\mathbf{W}x", "Wx"),
    (r"\text{non-linear}", "non-linear"), (r"\operatorname{softmax}(z)", "softmax(z)"),
    (r"\left( x + y \right)", "( x + y )"), (r"\left. f \right|_{x=0}", r"f \|ₓ₌₀"),
    (r"a \quad b", "a  b"), (r"a\,b", "a b"), (r"a \; b", "a b"), (r"a \qquad b", "a    b"), (r"a\!b", "ab"),
    (r"\sigma'(z_1)", "σ′(z₁)"), (r"f''(x)", "f′′(x)"), (r"f^{\prime}(x)", "f′(x)"),
    (r"-(y - a)", "−(y − a)"), (r"a-b", "a−b"), (r"x = -1.5", "x = −1.5"),
    (r"\frac{\partial L}{\partial w_1} \quad \text{and} \quad \frac{\partial L}{\partial w_2}",
     "∂L/∂w₁  and  ∂L/∂w₂"),
    (r"\underbrace{a \cdot b}_{\delta}", r"\[a · b\]\_δ"),
    (r"\begin{bmatrix} a & b \\ c & d \end{bmatrix}", r"\[ a, b; c, d \]"),
    (r"\begin{pmatrix} 1 \\ 2 \end{pmatrix}", "( 1; 2 )"),
    (r"\mathbb{R}^n", "Rⁿ"),
    (r"\{x\}", "{x}"), (r"50\%", "50%"),
    # unknown commands keep their name
    (r"\relu(z)", "relu(z)"), (r"\tanh(z)", "tanh(z)"), (r"\log x", "log x"),
    (r"\foo{bar}", "foobar"),
])
def test_conversions(latex, expected):
    assert to_unicode(f"${latex}$") == expected


def test_display_math_becomes_its_own_indented_paragraph():
    out = to_unicode("A nested function:$$f(x) = f_2(f_1(x))$$ and more text.")
    assert out == f"A nested function:\n\n{NBSP4}f(x) = f₂(f₁(x))\n\nand more text."
    paragraphs = [t.content for t in _md().parse(out) if t.type == "inline"]
    assert paragraphs == ["A nested function:", f"{NBSP4}f(x) = f₂(f₁(x))", "and more text."]


def test_display_math_on_its_own_lines_keeps_the_blank_lines_tidy():
    source = "Then:\n$$ x^2 $$\nwhere $x$ is real.\n\n$$a$$\n$$b$$\n"
    out = to_unicode(source)
    assert out == (f"Then:\n\n{NBSP4}x²\n\nwhere x is real.\n\n{NBSP4}a\n\n{NBSP4}b\n")


def test_display_math_rows_become_hard_line_breaks():
    out = to_unicode("$$a &= b \\\\ c &= d$$")
    assert out == f"{NBSP4}a = b\\\n{NBSP4}c = d\n"
    assert "hardbreak" in [c.type for t in _md().parse(out) for c in t.children or []]
    assert to_unicode("$a \\\\ b$") == "a; b"


@pytest.mark.parametrize("source", [
    "*   $$x^2$$\n*   next\n",
    "1. $$x^2$$\n2. next\n",
    "> quoted\n> $$x^2$$\n> more\n",
    "- item text $$x^2$$ after\n- next\n",
    "  $$x^2$$\n",
    "1. Item text\n\n    $$x^2$$\n\n    more\n",
])
def test_display_math_stays_inside_its_container_and_is_never_code(source):
    out = to_unicode(source)
    tokens = _md().parse(out)
    assert not [t for t in tokens if t.type in ("code_block", "fence")]
    assert "x²" in _rendered_text(out)
    assert [t.type for t in tokens if t.type.endswith("_open") and "paragraph" not in t.type] == [
        t.type for t in _md().parse(source)
        if t.type.endswith("_open") and "paragraph" not in t.type]


@pytest.mark.parametrize("source", [
    "Use `$x$` and `$$y$$` in code.",
    "``a $b$ ` c``",
    "```\n$$x^2$$ and $y$\n```\n",
    "~~~python\nprice = \"$5\" + \"$x$\"\n~~~\n",
    "```\nunclosed fence $x$\n",
    "  ```\n  $x$\n  ```\n",
    r"Escaped \$x\$ stays.",
    "It costs $5 and $10.",
    "A lone $ sign.",
    "$ $ and $$ $$ are empty.",
    "Text with no math at all: * _ [x](y) `code`.",
    "Text\n\n    $x$ in an indented code block\n",
    "An autolink <https://example.org/$a$> and a [link](https://example.org/$b$).",
    "A cost of $10 and `$x$` in code: the code span wins.",
])
def test_code_escapes_and_non_math_are_untouched(source):
    assert to_unicode(source) == source


def test_markdown_decides_where_math_starts_and_ends():
    # inline math may run over the lines of a quote: the `>` of the next line is not math
    assert to_unicode("> $a\n> b$ end") == "> a b end"
    # two display formulas on one line are two paragraphs
    assert to_unicode("$$a$$ $$b$$") == f"{NBSP4}a\n\n{NBSP4}b\n"
    # a lazy line of a list item: the display and the text after it stay in the item
    out = to_unicode("- a\nb $$x$$ c")
    assert out == f"- a\nb\n\n  {NBSP4}x\n\n  c"
    assert [t.type for t in _md().parse(out)].count("list_item_open") == 1
    # a heading keeps its closing #s
    assert to_unicode("## The cost $C$ ##") == "## The cost C ##"
    # markdown-it reads "\r\n" as "\n": where there is math, line endings come back as "\n"
    assert to_unicode("$x$\r\nnext $y$\r\n") == "x\nnext y\n"
    assert to_unicode("no math\r\n") == "no math\r\n"


def test_math_next_to_code_is_converted_and_code_is_not():
    assert to_unicode("`$a$` then $a_1$ then `$b$`") == "`$a$` then a₁ then `$b$`"
    assert to_unicode("```\n$x$\n```\n$x^2$") == "```\n$x$\n```\nx²"
    # an unmatched backtick is literal, so the math after it still converts
    assert to_unicode("a ` b $x^2$") == "a ` b x²"
    # an escaped backtick opens nothing; a backslash inside code is literal
    assert to_unicode(r"\`$x^2$\`") == r"\`x²\`"
    assert to_unicode(r"`$a$\` $x^2$") == r"`$a$\` x²"
    assert to_unicode(r"\``$a$`") == r"\``$a$`"
    # backticks in different paragraphs do not form a code span
    assert to_unicode("a `b\n\n$x^2$ c` d") == "a `b\n\nx² c` d"


@pytest.mark.parametrize(("latex", "shown"), [
    (r"a * b", "a * b"),
    (r"x_{\text{my_var}}", "x_my_var"),
    (r"\text{*bold*}", "*bold*"),
    (r"|x|", "|x|"),
    (r"[a](b)", "[a](b)"),
    (r"a < b", "a < b"),
    (r"\&", "&"),
    (r"\$5", "$5"),
    (r"\backslash", "\\"),
    (r"a ` b", "a ` b"),
    (r"x^{\text{a_b}}", "x^a_b"),
    (r"\sim x", "∼ x"),
])
def test_markdown_characters_in_math_are_escaped(latex, shown):
    out = to_unicode(f"Before ${latex}$ after.")
    assert _rendered_text(out) == f"Before {shown} after."
    children = [c.type for t in _md().parse(out) for c in t.children or []]
    assert set(children) == {"text"}


def test_inline_math_does_not_cross_a_blank_line():
    source = "Price $x\n\ny$ end"
    assert to_unicode(source) == source
    assert to_unicode("$a\nb$") == "a b"


def test_sub_and_superscript_tables_line_up():
    assert len(SUBSCRIPTS) == len("0123456789+−=()aehijklmnoprstuvxβγρφχ")
    assert SUBSCRIPTS["1"] == "₁" and SUBSCRIPTS["x"] == "ₓ" and SUBSCRIPTS["χ"] == "ᵪ"
    assert SUPERSCRIPTS["1"] == "¹" and SUPERSCRIPTS["T"] == "ᵀ" and SUPERSCRIPTS["χ"] == "ᵡ"
    assert all(len(form) == 1 for form in [*SUBSCRIPTS.values(), *SUPERSCRIPTS.values()])


@pytest.mark.parametrize(("module", "banned"), [
    (latex, ("textual", "rich", "numpy", "markdown_it", "mdit_py_plugins")),  # LaTeX only, no Markdown
    (mathtext, ("textual", "rich", "numpy")),
])
def test_modules_import_only_what_they_need(module, banned):
    text = Path(module.__file__).read_text(encoding="utf-8")
    assert module.__doc__
    for name in banned:
        assert f"import {name}" not in text and f"from {name}" not in text


@pytest.mark.parametrize("source", [
    "{" * 10000,
    "$" + "{" * 10000 + "$",
    "$" + "}" * 10000 + "$",
    "$$" + "{" * 5000 + "x" + "}" * 5000 + "$$",
    "$" + "\\frac" * 5000 + "$",
    "$" + "x^" * 5000 + "$",
    "$" + "\\sqrt" * 5000 + "x$",
    "$" + "_{" * 5000 + "$",
    "$" + "\\hat{" * 3000 + "$",
    "$a$" * 5000,
    "$" * 10000,
    "$$" + "$" * 9999,
    "`" * 5000 + "$x$",
    "`a" * 5000 + "$x$",
    "``` \n" * 3000,
    "\\" * 10001 + "$x$",
    "$5 " * 5000,
    "$$x$$\n" * 2000,
], ids=lambda source: repr(source[:12]) + f"…{len(source)}")
def test_pathological_input_is_read_without_hanging_or_recursing(source):
    # A quadratic or exponential scan would show as a slow suite; no timed assertion here.
    assert isinstance(to_unicode(source), str)
    assert isinstance(to_plain(source), str)


def test_deep_nesting_keeps_the_text():
    out = to_unicode("$" + "{" * 200 + "x" + "}" * 200 + "$")
    assert out == "x"
    assert "y" in to_unicode("$" + "x^{" * 200 + "y" + "}" * 200 + "$")


@settings(max_examples=2000, deadline=None)
@given(st.text(max_size=300))
def test_any_text_never_raises(text):
    assert isinstance(to_unicode(text), str)
    assert isinstance(to_plain(text), str)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="$\\{}_^abcxyz0123 +-fracpartialsigma'", max_size=300))
def test_latex_soup_never_raises(text):
    assert isinstance(to_unicode(text), str)
    assert isinstance(to_plain(text), str)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="$\\{}_^`*\n abcx0123+-", max_size=200))
def test_markdown_soup_never_raises(text):
    assert isinstance(to_unicode(text), str)


@settings(max_examples=1000, deadline=None)
@given(st.text().filter(lambda t: "$" not in t))
def test_text_without_dollars_is_unchanged(text):
    assert to_unicode(text) == text


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="$\\{}_^abcx01 +-fracpartial'", min_size=1, max_size=80)
       .filter(lambda t: t.strip() and not t.startswith(" ") and not t.endswith(" ")))
def test_code_spans_are_never_touched(code):
    source = f"Code: `{code}` and\n```\n{code}\n```\n"
    assert to_unicode(source) == source


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="\\{}_^abcxyz0123 +-*fracpartialsigmatext'", max_size=60)
       .filter(lambda t: (len(t) - len(t.rstrip("\\"))) % 2 == 0))  # a closing $ not escaped
def test_converted_inline_math_renders_as_plain_text(latex):
    out = to_unicode(f"x ${latex}$ y")
    children = {c.type for t in _md().parse(out) for c in t.children or []}
    assert children <= {"text", "softbreak"}


def test_to_plain_converts_math_without_markdown_escapes():
    assert to_plain(r"Compute $\frac{\partial C}{\partial w_2}$ with $L_{\text{target}}$.") == \
        "Compute ∂C/∂w₂ with L_target."
    assert to_plain(r"$$a^{l} = \sigma(w^l a^{l-1} + b^l)$$") == "\n    aˡ = σ(wˡ aˡ⁻¹ + bˡ)\n"
    assert to_plain("no math, costs $5") == "no math, costs $5"
    assert to_plain(r"Escaped \$x\$ and `$y$` in code stay; $z_1$ does not.") == \
        "Escaped $x$ and `$y$` in code stay; z₁ does not."
    assert to_plain("Rows: $a \\\\ b$") == "Rows: a; b"
