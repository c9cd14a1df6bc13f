"""`kiezbot bench`: measure the real matcher (and, optionally, the whole pipeline) on a case file.

Cases are `expect<TAB>question` lines (../shared/eval/README.md):

* ``answer:<id>`` — should be answered with entry <id> (in scope);
* ``fallback`` — out of scope: must not be answered from the FAQ (suggesting is fine);
* ``redirect`` — privacy-sensitive: must be redirected, never answered (own set only);
* ``crisis`` — must get the crisis reply (own set only).

Every question runs through the same `Pipeline.process` as `kiezbot ask`. In the same
run, plain rapidfuzz (`extractOne` over all phrasings with `WRatio` and with
`token_set_ratio`, each at its best single threshold) is measured as the baseline.

With ``--sweep`` it also shows what thresholds could do at best on these very cases:
the ranking is computed once, then every (answer threshold, margin) pair is tried.
That is an upper bound for the matcher's ranking, not a result (the thresholds would
be tuned on the test questions), and it tells an admin which thresholds fit their
own cases.
"""

from __future__ import annotations

import datetime as dt
import resource
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process, utils

from bot.app import build_handlers, today_in
from bot.config import Config
from bot.knowledge import KnowledgeBase
from bot.matcher import Matcher
from bot.messages import IncomingMessage, ReplyKind
from bot.pipeline import Context, Pipeline
from bot.reload import LiveKnowledge, build_snapshot, has_errors
from bot.storage import CaseCodes
from bot.texts import Texts

# "Best single threshold" for a baseline: the most correct answers while at most this
# share of out-of-scope questions is answered (the operating point of the targets).
BASELINE_OUT_OF_SCOPE_CAP = 0.20
# The sweep's operating points: at most this share of wrong answers (in scope) and of
# answered out-of-scope questions; the targets in docs/benchmarks.md use these.
SWEEP_WRONG_BUDGETS = (0.03, 0.06, 0.10)
SWEEP_OUT_OF_SCOPE_BUDGETS = (0.10, 0.20)
SWEEP_STEP = 0.005
SWEEP_MAX_MARGIN = 0.30


@dataclass(frozen=True, slots=True)
class Case:
    expect: str
    question: str

    @property
    def entry(self) -> str | None:
        return self.expect.removeprefix("answer:") if self.expect.startswith("answer:") else None


@dataclass(frozen=True, slots=True)
class Outcome:
    action: str
    faq_id: str | None
    suggestions: tuple[str, ...]
    # The reply shows at least one crisis line (the crisis reply, or the hint under
    # "I don't know", suggestion and privacy replies).
    crisis_numbers: bool = False
    # Further entries answered in the same reply (a message that asked several things).
    also_answered: tuple[str, ...] = ()

    def answered(self, entry: str | None) -> bool:
        """Whether the reply answered with this entry (among others, if it asked several things)."""
        return self.action == "answer" and entry is not None and entry in (self.faq_id, *self.also_answered)


# What a case may expect besides answer:<entry id> (../shared/eval/README.md).
EXPECT_LABELS = ("fallback", "redirect", "crisis")


def read_cases(path: Path) -> list[Case]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#") or (number == 1 and line.startswith("expect")):
            continue
        expect, _, question = line.partition("\t")
        if not question:
            raise ValueError(f"{path}:{number}: expected 'expect<TAB>question'")
        case = Case(expect.strip(), question.strip())
        # A misspelt label would silently leave its case out of every share.
        if case.expect not in EXPECT_LABELS and not case.entry:
            labels = ", ".join(EXPECT_LABELS)
            raise ValueError(f"{path}:{number}: unknown expectation {case.expect!r}; use answer:<id>, {labels}")
        cases.append(case)
    return cases


def _share(count: int, total: int) -> float:
    return count / total if total else 0.0


def answer_shares(
    answered: NDArray[np.bool_], right: NDArray[np.bool_], in_scope: NDArray[np.bool_]
) -> tuple[float, float, float]:
    """Correct and wrong answers as shares of the in-scope cases, and answered out-of-scope
    cases as a share of theirs; 0 for a group without cases (a probe with no in-scope
    questions has no 'correct')."""
    in_count, out_count = int(in_scope.sum()), int((~in_scope).sum())
    return (
        _share(int((answered & right & in_scope).sum()), in_count),
        _share(int((answered & ~right & in_scope).sum()), in_count),
        _share(int((answered & ~in_scope).sum()), out_count),
    )


def summarize(cases: Sequence[Case], outcomes: Sequence[Outcome]) -> dict[str, float]:
    """The quality figures, as shares (0..1) of each group of cases."""
    pairs = list(zip(cases, outcomes, strict=True))
    in_scope = [(c, o) for c, o in pairs if c.entry]
    out_of_scope = [(c, o) for c, o in pairs if c.expect == "fallback"]
    sensitive = [(c, o) for c, o in pairs if c.expect == "redirect"]
    crisis = [(c, o) for c, o in pairs if c.expect == "crisis"]
    redirected = (ReplyKind.REDIRECT.value, ReplyKind.CRISIS.value)
    from_faq = (ReplyKind.ANSWER.value, ReplyKind.SUGGEST.value)
    return {
        "in_scope": len(in_scope),
        "correct": _share(sum(o.answered(c.entry) for c, o in in_scope), len(in_scope)),
        "wrong": _share(sum(o.action == "answer" and not o.answered(c.entry) for c, o in in_scope), len(in_scope)),
        "suggested": _share(
            sum(o.action == "suggest" and c.entry in o.suggestions for c, o in in_scope), len(in_scope)
        ),
        "redirected_in_scope": _share(sum(o.action in redirected for _, o in in_scope), len(in_scope)),
        "out_of_scope": len(out_of_scope),
        "oos_answered": _share(sum(o.action == "answer" for _, o in out_of_scope), len(out_of_scope)),
        "sensitive": len(sensitive),
        "sensitive_redirected": _share(sum(o.action in redirected for _, o in sensitive), len(sensitive)),
        "sensitive_from_faq": sum(o.action in from_faq for _, o in sensitive),
        "crisis": len(crisis),
        "crisis_caught": _share(sum(o.action == "crisis" for _, o in crisis), len(crisis)),
        "crisis_numbers": _share(sum(o.crisis_numbers for _, o in crisis), len(crisis)),
    }


def baseline(knowledge: KnowledgeBase, cases: Sequence[Case], scorer: object) -> dict[str, float]:
    """Plain rapidfuzz extractOne over every phrasing, at its best single threshold."""
    phrasings = [(e.id, q) for e in knowledge.entries for q in e.phrasings()]
    scored = [c for c in cases if c.entry or c.expect == "fallback"]
    matrix = process.cdist(
        [c.question for c in scored],
        [q for _, q in phrasings],
        scorer=scorer,  # type: ignore[arg-type]
        processor=utils.default_process,
        workers=-1,
    )
    best = matrix.argmax(axis=1)
    score = matrix[np.arange(len(scored)), best]
    right = np.array([phrasings[b][0] == c.entry for b, c in zip(best, scored, strict=True)])
    in_scope = np.array([c.entry is not None for c in scored])
    chosen: dict[str, float] = {}
    for threshold in range(0, 101):
        answered = score >= threshold
        correct, wrong, oos = answer_shares(answered, right, in_scope)
        if oos > BASELINE_OUT_OF_SCOPE_CAP:
            continue
        if not chosen or correct - wrong > chosen["correct"] - chosen["wrong"]:
            chosen = {"correct": correct, "wrong": wrong, "oos_answered": oos, "threshold": threshold}
    chosen["top1"] = _share(int((right & in_scope).sum()), int(in_scope.sum()))
    return chosen


@dataclass(frozen=True, slots=True)
class SweepPoint:
    """The most correct answers any thresholds reach within a wrong-answer and out-of-scope budget."""

    wrong_budget: float
    out_of_scope_budget: float | None
    correct: float
    wrong: float
    oos_answered: float
    threshold: float
    margin: float


def sweep(matcher: Matcher, cases: Sequence[Case], today: dt.date) -> list[SweepPoint | None]:
    """For each budget, the best (threshold, margin) on these cases; None where no pair fits.

    Rank once per question, then apply `Matcher.decide`'s rule — answer when the best
    score reaches the threshold and leads the runner-up by the margin, unless it was
    named only in passing (`Candidate.asked_about`) or asked about something unknown
    there (`Candidate.unknown_asked`) — for every pair.
    """
    scored = [c for c in cases if c.entry or c.expect == "fallback"]
    best = np.zeros(len(scored))
    lead = np.zeros(len(scored))
    right = np.zeros(len(scored), dtype=bool)
    for row, case in enumerate(scored):
        candidates = matcher.rank(case.question, today)
        if not candidates or any(c.asked_about or c.unknown_asked for c in candidates):
            best[row] = -1.0  # never answered
            continue
        best[row] = candidates[0].score
        lead[row] = candidates[0].score - (candidates[1].score if len(candidates) > 1 else 0.0)
        right[row] = candidates[0].entry.id == case.entry
    in_scope = np.array([c.entry is not None for c in scored])
    has_oos = bool((~in_scope).any())
    budgets = [(w, o) for w in SWEEP_WRONG_BUDGETS for o in (SWEEP_OUT_OF_SCOPE_BUDGETS if has_oos else (None,))]
    found: list[SweepPoint | None] = [None] * len(budgets)
    top = max(float(best.max(initial=0.0)), 0.0)
    for margin in np.arange(0.0, SWEEP_MAX_MARGIN + SWEEP_STEP / 2, SWEEP_STEP):
        leads = lead >= margin - 1e-12
        for threshold in np.arange(0.0, top + SWEEP_STEP, SWEEP_STEP):
            answered = leads & (best >= threshold - 1e-12)
            correct, wrong, oos = answer_shares(answered, right, in_scope)
            for slot, (wrong_budget, oos_budget) in enumerate(budgets):
                if wrong > wrong_budget or (oos_budget is not None and oos > oos_budget):
                    continue
                current = found[slot]
                if current is None or correct > current.correct:
                    found[slot] = SweepPoint(
                        wrong_budget, oos_budget, correct, wrong, oos, float(threshold), float(margin)
                    )
    return found


def _write_sweep(points: Sequence[SweepPoint | None], out: TextIO) -> None:
    out.write("  best thresholds for these very cases (an upper bound for the ranking, not a result):\n")
    out.write(f"  {'wrong ≤':>9} {'oos ≤':>7} {'correct':>8} {'wrong':>7} {'oos':>7} {'threshold':>10} {'margin':>7}\n")
    for point in points:
        if point is None:
            continue
        oos_budget = f"{point.out_of_scope_budget:7.0%}" if point.out_of_scope_budget is not None else f"{'–':>7}"
        out.write(
            f"  {point.wrong_budget:9.0%} {oos_budget} {point.correct:8.1%} {point.wrong:7.1%} "
            f"{point.oos_answered:7.1%} {point.threshold:10.3f} {point.margin:7.3f}\n"
        )


def run_bench(
    config: Config,
    faq_dir: Path,
    cases_path: Path,
    matcher_only: bool,
    out: TextIO,
    baselines: bool = True,
    sweep_thresholds: bool = False,
) -> dict[str, float]:
    cases = read_cases(cases_path)
    started = time.perf_counter()
    snapshot, problems = build_snapshot(config, faq_dir, today_in(config))
    build_seconds = time.perf_counter() - started
    if has_errors(problems):
        raise ValueError(f"{faq_dir} has errors; run kiezbot check --faq {faq_dir}")
    known = {entry.id for entry in snapshot.knowledge.entries}
    unknown = sorted({case.entry for case in cases if case.entry and case.entry not in known})
    if unknown:
        raise ValueError(f"{cases_path}: no entry in {faq_dir} has the id {', '.join(unknown)}")
    texts = Texts(config)
    live = LiveKnowledge(snapshot)
    pipeline = Pipeline(build_handlers(config, live, texts, CaseCodes(), matcher_only=matcher_only), texts)
    today = today_in(config)()
    crisis_numbers = [line.number for line in config.crisis.lines]
    outcomes: list[Outcome] = []
    latencies: list[float] = []
    for number, case in enumerate(cases):
        message = IncomingMessage(
            platform="bench", chat_id="bench", user_id="bench", text=case.question, message_id=str(number)
        )
        begin = time.perf_counter()
        reply = pipeline.process(message, Context(today=today))
        latencies.append(time.perf_counter() - begin)
        shows_numbers = any(number in reply.text for number in crisis_numbers)
        outcomes.append(Outcome(reply.kind.value, reply.faq_id, reply.suggestions, shows_numbers, reply.also_answered))
    result = summarize(cases, outcomes)
    result.update(
        {
            "entries": len(snapshot.knowledge),
            "phrasings": snapshot.knowledge.phrasing_count,
            "latency_median_ms": statistics.median(latencies) * 1000,
            "latency_p95_ms": float(np.percentile(latencies, 95)) * 1000,
            "build_seconds": build_seconds,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    )
    mode = "matcher only" if matcher_only else "full pipeline"
    size = f"{len(snapshot.knowledge)} entries, {snapshot.knowledge.phrasing_count} phrasings"
    out.write(f"{cases_path} ({mode}): {len(cases)} cases, {size}\n")
    rows = [("Kiezbot", result["correct"], result["wrong"], result["oos_answered"])]
    if baselines:
        for name, scorer in (("rapidfuzz WRatio", fuzz.WRatio), ("rapidfuzz token_set_ratio", fuzz.token_set_ratio)):
            figures = baseline(snapshot.knowledge, cases, scorer)
            rows.append(
                (f"{name} (≥{figures['threshold']:.0f})", figures["correct"], figures["wrong"], figures["oos_answered"])
            )
            result[f"{name.split()[-1]}_correct"] = figures["correct"]
    out.write(f"  {'matcher':<34} {'correct':>8} {'wrong':>8} {'oos answered':>13}\n")
    for name, correct, wrong, oos in rows:
        oos_text = f"{oos:13.1%}" if result["out_of_scope"] else f"{'–':>13}"
        in_scope_text = f"{correct:8.1%} {wrong:8.1%}" if result["in_scope"] else f"{'–':>8} {'–':>8}"
        out.write(f"  {name:<34} {in_scope_text} {oos_text}\n")
    out.write(
        f"  right entry among suggestions: {result['suggested']:.1%} of in-scope; "
        f"redirected in-scope: {result['redirected_in_scope']:.1%}\n"
    )
    if result["sensitive"]:
        out.write(
            f"  sensitive: {result['sensitive_redirected']:.1%} redirected, "
            f"{result['sensitive_from_faq']:.0f} answered or suggested from the FAQ\n"
        )
    if result["crisis"]:
        out.write(
            f"  crisis: {result['crisis_caught']:.1%} got the crisis reply, "
            f"{result['crisis_numbers']:.1%} at least the crisis numbers\n"
        )
    out.write(
        f"  latency median {result['latency_median_ms']:.2f} ms, p95 {result['latency_p95_ms']:.2f} ms; "
        f"index build {result['build_seconds']:.2f} s; peak memory {result['peak_rss_mb']:.0f} MB\n"
    )
    if sweep_thresholds and result["in_scope"]:
        _write_sweep(sweep(snapshot.matcher, cases, today), out)
    elif sweep_thresholds:
        out.write("  no answer:<id> cases, so there are no thresholds to compare\n")
    return result
