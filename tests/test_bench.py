"""`kiezbot bench`: the threshold sweep agrees with the matcher's own decision rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bench import SWEEP_STEP, Case, read_cases, sweep
from bot.matcher import Outcome
from bot.reload import Snapshot
from tests.conftest import TODAY
from tests.test_cli import run_cli

ROOT = Path(__file__).resolve().parent.parent
OWN_CASES = ROOT / "benchmarks" / "kiez" / "cases.tsv"


def _decide_all(snapshot: Snapshot, cases: list[Case], threshold: float, margin: float) -> tuple[float, float, float]:
    """Correct, wrong and out-of-scope-answered shares, decided by `Matcher.decide` itself."""
    matcher = snapshot.matcher
    in_scope = [c for c in cases if c.entry]
    out_of_scope = [c for c in cases if c.expect == "fallback"]
    correct = wrong = oos = 0
    for case in in_scope + out_of_scope:
        result = matcher.decide(matcher.rank(case.question, TODAY), threshold, margin)
        if result.outcome is not Outcome.ANSWER or result.best is None:
            continue
        if case.entry is None:
            oos += 1
        elif result.best.entry.id == case.entry:
            correct += 1
        else:
            wrong += 1
    return correct / len(in_scope), wrong / len(in_scope), oos / len(out_of_scope)


@pytest.fixture(scope="module")
def own_cases() -> list[Case]:
    return read_cases(OWN_CASES)


def test_sweep_points_are_what_the_matcher_decides(shipped_snapshot: Snapshot, own_cases: list[Case]) -> None:
    points = sweep(shipped_snapshot.matcher, own_cases, TODAY)
    assert len(points) == 6 and all(point is not None for point in points)
    for point in points:
        assert point is not None
        assert point.wrong <= point.wrong_budget
        assert point.out_of_scope_budget is not None and point.oos_answered <= point.out_of_scope_budget
        assert _decide_all(shipped_snapshot, own_cases, point.threshold, point.margin) == pytest.approx(
            (point.correct, point.wrong, point.oos_answered)
        )


def test_sweep_finds_at_least_the_configured_thresholds(shipped_snapshot: Snapshot, own_cases: list[Case]) -> None:
    settings = shipped_snapshot.matcher.settings
    # The defaults lie on the sweep's grid, so the sweep can only do as well or better.
    assert (settings.answer_threshold / SWEEP_STEP) == pytest.approx(round(settings.answer_threshold / SWEEP_STEP))
    assert (settings.answer_margin / SWEEP_STEP) == pytest.approx(round(settings.answer_margin / SWEEP_STEP))
    configured = _decide_all(shipped_snapshot, own_cases, settings.answer_threshold, settings.answer_margin)
    assert configured[1] <= 0.03 and configured[2] <= 0.10  # the own set's targets
    point = sweep(shipped_snapshot.matcher, own_cases, TODAY)[0]  # wrong ≤ 3 %, out of scope ≤ 10 %
    assert point is not None and point.correct >= configured[0]


def test_sweep_without_out_of_scope_cases_and_impossible_budgets(shipped_snapshot: Snapshot) -> None:
    cases = [Case("answer:kita-places", "kita"), Case("answer:opening-hours", "Spiele Musik von Mozart")]
    points = sweep(shipped_snapshot.matcher, cases, TODAY)
    # Two questions: every answer counts 50 %, so 3 % and 6 % wrong allow only the right one.
    assert [p.out_of_scope_budget if p else "none" for p in points] == [None, None, None]
    for point in points:
        assert point is not None and point.wrong == 0.0 and point.correct <= 0.5


def test_cli_prints_the_sweep(tmp_path: Path) -> None:
    cases = tmp_path / "cases.tsv"
    cases.write_text("answer:kita-places\tGibt es freie Kitaplaetze?\nfallback\tWann hat Lidl offen?\n")
    code, out = run_cli("bench", str(ROOT / "faq"), str(cases), "--no-baselines", "--sweep")
    assert code == 0, out
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if "best thresholds for these very cases" in line)
    rows = lines[header + 2 :]
    # one row per budget pair: 3 wrong-answer budgets × 2 out-of-scope budgets
    assert len(rows) == 6 and all(row.count("%") == 5 for row in rows), out


def test_cli_sweep_needs_in_scope_cases(tmp_path: Path) -> None:
    cases = tmp_path / "cases.tsv"
    cases.write_text("fallback\tWann hat Lidl offen?\n")
    code, out = run_cli("bench", str(ROOT / "faq"), str(cases), "--no-baselines", "--sweep")
    assert code == 0 and "no answer:<id> cases" in out and "best thresholds" not in out


@pytest.mark.parametrize(
    ("lines", "named"),
    [
        # "none" is no label: the case would have counted nowhere, silently.
        ("answer:wifi\tHabt ihr WLAN?\nnone\tWie spät ist es?\n", "cases.tsv:2: unknown expectation 'none'"),
        ("answer:\tHabt ihr WLAN?\n", "cases.tsv:1: unknown expectation 'answer:'"),
        ("answer:wlan\tHabt ihr WLAN?\n", "no entry in"),  # a misspelt entry id
    ],
)
def test_cli_names_a_bad_expectation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lines: str, named: str
) -> None:
    cases = tmp_path / "cases.tsv"
    cases.write_text(lines)
    code, out = run_cli("bench", str(ROOT / "faq"), str(cases), "--no-baselines")
    assert code == 1 and not out
    assert named in capsys.readouterr().err
