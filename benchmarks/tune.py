"""How the default matcher's word-meaning weight and floor, answer threshold and margin were chosen.

    .venv/bin/python benchmarks/tune.py [--shared ../shared]

For every meaning weight and floor it finds the answer threshold and margin with the
most right answers on CLINC150-10 *validation* plus our own paraphrase set that keep
CLINC validation at ≤ 9 % wrong and ≤ 18 % out of scope answered (a tenth under the
benchmark issue's budgets, see BUDGETS) and the own set at ≤ 3 % wrong and ≤ 10 % out
of scope answered. The setting with the highest sum of both sets' right answers (on a
tie, the fewest wrong and out-of-scope answers) is printed last and became the
default. The test questions (clinc150-10 cases.tsv, xsid-de-10, our held-out set) are
never read here.

The own set is scored by the matcher alone over its in-scope and out-of-scope
questions: its sensitive and crisis messages never reach the matcher (the privacy gate
answers them first). `kiezbot bench` then measures the chosen setting end to end.
"""

from __future__ import annotations

import argparse
import itertools
from dataclasses import replace
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from bot.bench import answer_shares, read_cases
from bot.config import MatcherSettings
from bot.knowledge import load_knowledge_base
from bot.matcher import Matcher, MeaningSignal, Signals
from bot.reload import meaning_signal

ROOT = Path(__file__).resolve().parent.parent
WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5)
FLOORS = (0.1, 0.2, 0.3)
# The answer threshold cannot go below the suggestion threshold (0.08).
THRESHOLDS = np.arange(0.08, 0.60, 0.01)
MARGINS = np.arange(0.0, 0.21, 0.01)
# (wrong, out of scope answered) budgets per set. CLINC's are a tenth under the issue's
# 10 % and 20 %: settings picked right at the validation limit went over it on unseen
# questions (docs/benchmarks.md, "How the defaults were chosen").
BUDGETS = {"clinc-validation": (0.09, 0.18), "own": (0.03, 0.10)}


def signals_of(faq: Path, cases_file: Path, signal: MeaningSignal) -> tuple[list[Signals], NDArray[np.int64]]:
    """Every question's score parts, and the index of its right entry (-1: out of scope)."""
    knowledge = load_knowledge_base(faq).knowledge
    matcher = Matcher(knowledge, MatcherSettings(), meaning=signal)
    ids = [entry.id for entry in knowledge.entries]
    cases = [c for c in read_cases(cases_file) if c.entry or c.expect == "fallback"]
    gold = np.array([ids.index(c.entry) if c.entry else -1 for c in cases])
    return [matcher.signals(c.question) for c in cases], gold


def ranked(signals: list[Signals], signal: MeaningSignal) -> tuple[NDArray[np.float64], ...]:
    """Per question: best score, its lead over the runner-up, the best entry's index."""
    rows = []
    for s in signals:
        if s.cosine is None:
            raise ValueError("word meanings are off: nothing to tune")
        rows.append(signal.add_to(s.lexical, s.cosine, s.coverage))
    scores = np.array(rows)
    top = np.sort(scores, axis=1)[:, -2:]
    return top[:, 1], top[:, 1] - top[:, 0], scores.argmax(axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    base = meaning_signal(MatcherSettings())
    assert base is not None, "word meanings are off in the default settings"
    eval_dir = args.shared / "eval/clinc150-10"
    sets = {
        "clinc-validation": signals_of(eval_dir / "faq", eval_dir / "validation.tsv", base),
        "own": signals_of(ROOT / "faq", ROOT / "benchmarks/kiez/cases.tsv", base),
    }
    print(f"{'weight':>6} {'floor':>5} {'threshold':>9} {'margin':>6}  " + "  ".join(f"{n:>27}" for n in sets))
    rows = []
    for weight, floor in itertools.product(WEIGHTS, FLOORS):
        signal = replace(base, weight=weight, floor=floor)
        tops = {name: ranked(signals, signal) for name, (signals, _) in sets.items()}
        best: tuple[float, float, str] | None = None
        for threshold, margin in itertools.product(THRESHOLDS, MARGINS):
            total, mistakes, report, fits = 0.0, 0.0, [], True
            for name, (top, lead, choice) in tops.items():
                gold = sets[name][1]
                answered = (top >= threshold - 1e-9) & (lead >= margin - 1e-9)
                correct, wrong, out_of_scope = answer_shares(answered, choice == gold, gold >= 0)
                wrong_budget, oos_budget = BUDGETS[name]
                fits &= bool(wrong <= wrong_budget and out_of_scope <= oos_budget)
                total += correct
                mistakes += wrong + out_of_scope
                report.append(f"{correct:7.1%} {wrong:5.1%} wrong {out_of_scope:5.1%} oos")
            if fits and (best is None or total > best[0] + 1e-9):
                best = (total, mistakes, f"{threshold:9.2f} {margin:6.2f}  " + "  ".join(report))
        line = f"{weight:6.2f} {floor:5.2f} " + (best[2] if best else " no threshold keeps both sets in budget")
        rows.append((best[0] if best else -1.0, -best[1] if best else 0.0, line))
        print(line, flush=True)
    # Most right answers; on a tie, the fewest wrong and out-of-scope answers.
    chosen = max(rows)[2]
    print(f"\nmost right answers on both sets:\n{chosen}")


if __name__ == "__main__":
    main()
