"""Practice variants: 300 seeds per lesson (1,000 in the long run, `TUTOR_PRACTICE_SEEDS=1000`), each the whole lesson on numbers a learner can work
by hand, that keep true what the lesson's text relies on."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.engine.variants import SATURATED, problems
from tutor.lessons import find_lesson, load_course, load_lesson
from tutor.lessons.practice import SMALLEST, practice

COURSE = load_course()


def smallest_sizes(lesson):
    return {s.name: SMALLEST for s in lesson.steps if not s.is_reading}


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda lesson: lesson.id)
def test_every_seed_is_workable_by_hand(lesson, variants):
    limits = smallest_sizes(lesson)
    for seed, variant in enumerate(variants(lesson.id)):
        solution = variant.solution()
        assert problems(variant.network, solution, limits) == [], seed
        for name in solution.names("given"):
            value = solution[name].value
            assert np.allclose(value * 10, np.round(value * 10)), (seed, name)  # one decimal at most
        for l, layer in enumerate(variant.network.layers, start=1):
            if layer.activation in ("sigmoid", "tanh"):
                assert np.max(np.abs(solution[f"z{l}"].value)) <= SATURATED
        for step in variant.steps:
            if not step.is_reading:
                assert np.all(np.isfinite(variant.expected(step, solution)))


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda lesson: lesson.id)
def test_a_variant_keeps_the_whole_lesson_and_what_its_text_relies_on(lesson, variants):
    """Reading pages, titles, questions and hints are kept; `[practice] requires` holds on every seed."""
    shape = [(step.ask, step.title, len(step.hints), len(step.mistakes), bool(step.text), bool(step.question))
             for step in lesson.steps]
    for seed, variant in enumerate(variants(lesson.id)):
        assert [(step.ask, step.title, len(step.hints), len(step.mistakes), bool(step.text), bool(step.question))
                for step in variant.steps] == shape, seed
        assert lesson.intro in variant.intro or "{{" in lesson.template.intro
        values = variant.values()
        for requirement in variant.practice_requires:
            assert requirement.holds(values), (seed, requirement.source)
        for name in lesson.practice_fixed:
            np.testing.assert_array_equal(values[name], lesson.values()[name])


def test_a_seed_always_gives_the_same_variant_and_seeds_differ():
    lesson = find_lesson("two-layer-sigmoid")
    a, b, c = practice(lesson, 42), practice(lesson, 42), practice(lesson, 43)
    assert a.network.parameters().keys() == c.network.parameters().keys()
    for name, value in a.network.parameters().items():
        np.testing.assert_array_equal(value, b.network.parameters()[name])
    assert any(not np.array_equal(v, c.network.parameters()[k]) for k, v in a.network.parameters().items())
    assert a.id == "two-layer-sigmoid~42" and "42" in a.intro
    assert a.intro == b.intro and a.intro != c.intro  # the texts quote each variant's own numbers


def test_fixed_values_and_structural_zeros_stay():
    scalar = find_lesson("gradient-descent-scalar")  # [practice] fixed = ["a0", "y"]
    landscape = find_lesson("the-landscape")  # w₁ = 0 makes every example share one forward pass
    for seed in range(50):
        v = practice(scalar, seed)
        np.testing.assert_array_equal(v.network.inputs, scalar.network.inputs)
        np.testing.assert_array_equal(v.network.targets, scalar.network.targets)
        assert practice(landscape, seed).network.layers[0].weights[0, 0] == 0


def test_the_reference_id_tilde_seed_finds_the_variant():
    assert find_lesson("chain-rule~5").id == "chain-rule~5"
    assert find_lesson("chain-rule~5").network.targets[0, 0] > 0


def test_the_chapter_rule_keeps_its_target_above_the_output(variants):
    for variant in variants("chain-rule")[:100]:
        s = variant.solution()
        assert float(s["y"].value[0, 0]) > float(s["a2"].value[0, 0])


def test_a_variant_of_a_variant_starts_from_the_lesson_as_written():
    once = practice(find_lesson("chain-of-functions"), 4)
    assert "{{" in once.template.steps[2].text and "{{" not in once.steps[2].text


def test_a_draw_whose_derived_formula_cannot_be_evaluated_is_drawn_again(tmp_path):
    """A derived ratio over a value some draws make 0 (a relu unit switched off) refuses those
    draws instead of failing the practice key with a traceback."""
    path = tmp_path / "ratio.toml"
    path.write_text('id = "ratio"\ntitle = "ratio"\n'
                    '[network]\ninputs = [[1.0]]\ntargets = [[1.0]]\nlearning_rate = 0.1\n'
                    '[[network.layers]]\nweights = [[0.5]]\nbiases = [0.1]\nactivation = "relu"\n'
                    '[derived.ratio]\nformula = "1 / a1[0]"\n')
    lesson = load_lesson(path)
    for seed in range(30):
        assert practice(lesson, seed).values()["a1"][0, 0] != 0
