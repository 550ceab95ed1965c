"""What a county report states: every result computed by the library, gathered in one object.

:func:`build_report` calls the library — the basic facts, the scorecards of each indicator set,
the governance assessment, the referral network and its analyses, the settlement — and keeps
the results in a :class:`CountyReport`. The HTML (and any other rendering) reads that object and
computes nothing. :func:`packaged_inputs` names the companion files of a packaged county so that
``countycare report wanrong --html FILE`` shows every section.

Examples
--------
>>> from countycare import load_county
>>> report = build_report(load_county("wanrong"))
>>> report.facts["population"].value, report.scorecards, report.network is None
(362000, (), True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from countycare import coerce
from countycare.calls import calls_checked
from countycare.coerce.arguments import boundary
from countycare.coerce.fields import checked_fields
from countycare.community import County
from countycare.errors import Problem
from countycare.geography import to_tuple
from countycare.governance.assessment import Assessment, assess
from countycare.governance.record import CommunityGovernance
from countycare.governance.summary import assessment_summary
from countycare.indicators.answers import ChecklistAnswer, answers_by_code
from countycare.indicators.catalogues import SETS
from countycare.indicators.samples import MeasuresFileInfo
from countycare.indicators.scorecard import Scorecard, build_scorecard
from countycare.indicators.table import MeasureTable
from countycare.indicators.targets import TargetBook
from countycare.periods import Period
from countycare.referrals.network import ReferralNetwork
from countycare.referrals.summary import referral_summary
from countycare.report.facts import BasicFacts, basic_facts
from countycare.report.flows_view import NetworkView, network_view
from countycare.validation import validate_county

if TYPE_CHECKING:
    from countycare.forms import CountyLike, DateLike, MeasuresLike, PeriodLike

__all__ = ["CountyReport", "InputNote", "SetCard", "build_report", "packaged_inputs"]

#: Records drawn for the network picture of a packaged county that ships no referral records.
SYNTHETIC_REFERRALS = 20_000
SYNTHETIC_SEED = 7


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class InputNote:
    """One input of the report: what it is (``measures``, ``records``, ``governance``,
    ``referrals``, ``settlement``), where it came from, and a caution if any, in English and,
    when one is written, in Chinese."""

    what: str
    where: str
    note: str = ""
    note_zh: str = ""


@calls_checked
@attrs.frozen
class SetCard:
    """One indicator set's scorecard at the period shown — the one with the most values, the
    latest of equals, against the earliest period with values as baseline — with the set at
    every period that has values (oldest first) for the trend lines."""

    card: Scorecard
    history: tuple[Scorecard, ...] = attrs.field(converter=to_tuple)


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class CountyReport:
    """Everything the county report shows, computed; ``None`` where an input was not given.

    ``problems`` are the county's validation problems (warnings: a county with errors gets no
    report). :meth:`to_dict` is the report as one JSON document.
    """

    county: County
    as_of: dt.date
    facts: BasicFacts
    inputs: tuple[InputNote, ...] = attrs.field(default=(), converter=to_tuple)
    governance: CommunityGovernance | None = None
    assessment: Assessment | None = None
    governance_summary: Mapping[str, Any] | None = None
    scorecards: tuple[SetCard, ...] = attrs.field(default=(), converter=to_tuple)
    network: ReferralNetwork | None = None
    referral_summary: Mapping[str, Any] | None = None
    network_view: NetworkView | None = None
    settlement: Any = None
    settlement_case: Any = None
    problems: tuple[Problem, ...] = attrs.field(default=(), converter=to_tuple)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data: exactly what ``countycare report --json`` prints.

        ``county`` (the figures of the text report: population, places, institutions by kind
        and tier, communities by role, as of ``as_of``, with the validation warnings),
        ``as_of``, ``inputs`` (what each input is, where it came from, its caution in English and
        Chinese: ``note``, ``note_zh``), ``facts``
        (:meth:`BasicFacts.to_dict`), ``assessment`` (:meth:`Assessment.to_dict`),
        ``scorecards`` (per set: the card shown, :meth:`Scorecard.to_dict`, and the periods of
        its trend), ``network`` (:meth:`ReferralNetwork.to_dict` without its thousands of
        nodes and edges, which ``countycare referrals --json`` prints) and ``settlement``
        (:meth:`Settlement.to_dict`); null (or empty) where the input was not given. Money is
        in yuan, to the fen.

        >>> from countycare import load_county
        >>> data = build_report(load_county("wanrong")).to_dict()
        >>> data["county"]["population"], data["scorecards"], data["settlement"]
        (362000, [], None)
        """
        from countycare.report.county_report import county_summary

        return {
            "county": county_summary(self.county, self.problems, self.as_of),
            "as_of": self.as_of.isoformat(),
            "inputs": [attrs.asdict(note) for note in self.inputs],
            "facts": self.facts.to_dict(),
            "assessment": self.assessment.to_dict() if self.assessment is not None else None,
            "scorecards": [
                {
                    "set": card.card.set_code,
                    "scorecard": card.card.to_dict(),
                    "trend_periods": [c.period for c in card.history],
                }
                for card in self.scorecards
            ],
            "network": _numbers(self.network) if self.network is not None else None,
            "settlement": self.settlement.to_dict() if self.settlement is not None else None,
        }


def _numbers(network: ReferralNetwork) -> dict[str, Any]:
    """The network's document without its nodes and edges: what the report states of it."""
    return {k: v for k, v in network.to_dict().items() if k not in ("nodes", "edges")}


def _periods(table: MeasureTable, scope: str) -> list[Period]:
    found = {
        p for s, p in zip(table.scope.tolist(), table.period.tolist(), strict=True) if s == scope
    }
    return sorted((Period.parse(p) for p in found), key=lambda p: (p.end, -p.days))


def _defined(card: Scorecard) -> int:
    return sum(1 for r in card.rows if r.value.value is not None or r.value.met is not None)


def _set_card(
    set_code: str,
    table: MeasureTable,
    county: County,
    periods: list[Period],
    targets: TargetBook | None,
    answers: Mapping[str, ChecklistAnswer],
) -> SetCard | None:
    kwargs: dict[str, Any] = {"targets": targets, "answers": answers, "county": county.id}
    history = [build_scorecard(SETS[set_code], table, county.id, str(p), **kwargs) for p in periods]
    defined = [c for c in history if _defined(c)]
    if not defined:
        return None
    # the period with the most values (the latest of equals), against the earliest before it
    shown = max(reversed(defined), key=_defined)
    first = defined[0]
    baseline = first.period if first is not shown else None
    card = build_scorecard(
        SETS[set_code], table, county.id, shown.period, baseline_period=baseline, **kwargs
    )
    return SetCard(card, defined)


def _scorecards(
    county: County,
    table: MeasureTable,
    sets: Iterable[str] | None,
    targets: TargetBook | None,
    governance: CommunityGovernance | None,
) -> tuple[SetCard, ...]:
    periods = _periods(table, county.id)
    if not periods:
        return ()
    answers: dict[str, ChecklistAnswer] = {}
    if governance is not None:
        answers = dict(answers_by_code(assess(governance, periods[-1].end).answers()))
    cards = (_set_card(code, table, county, periods, targets, answers) for code in (sets or SETS))
    return tuple(c for c in cards if c is not None)


def _latest_period(table: MeasureTable | None, scope: str) -> str | None:
    if table is None:
        return None
    periods = _periods(table, scope)
    return str(periods[-1]) if periods else None


@boundary
def build_report(
    county: CountyLike,
    *,
    measures: MeasuresLike | None = None,
    measures_info: MeasuresFileInfo | None = None,
    governance: CommunityGovernance | None = None,
    network: ReferralNetwork | None = None,
    settlement_case: Any = None,
    as_of: DateLike | None = None,
    period: PeriodLike | None = None,
    sets: Iterable[str] | None = None,
    targets: TargetBook | None = None,
    inputs: Iterable[InputNote] = (),
    problems: Iterable[Problem] | None = None,
) -> CountyReport:
    """Compute everything the county report shows.

    Parameters
    ----------
    county
        The county model.
    measures
        A measures table (already rolled up to the county); the basic facts' year figures and
        the scorecards come from it. ``measures_info`` is its provenance companion.
    governance
        The medical community's governance record; assessed on ``as_of``.
    network
        A referral network built from records (:func:`countycare.build_network`).
    settlement_case
        A settlement case (:func:`countycare.finance.rules_file.load_settlement_case`).
    as_of
        The day the community's structure and governance are shown on (default: the end of
        the latest period of the measures, else the community's founding day, else today).
    period
        The year of the basic facts' figures (default: the latest period of the measures).
    sets
        Indicator set codes (default: every shipped set with a value in the measures).
    targets
        Targets and reference values (default: the shipped national ones).
    problems
        The county's validation problems as its file check found them (default: those of
        :func:`countycare.validate_county`).
    """
    county = coerce.county(county, "county")
    measures = None if measures is None else coerce.measure_table(measures, "measures")
    as_of = coerce.optional_date(as_of, "as_of")
    period = coerce.optional_period_text(period, "period")
    period = period or _latest_period(measures, county.id)
    if as_of is None:
        founded = county.communities[0].founded if county.communities else None
        as_of = Period.parse(period).end if period else (founded or dt.date.today())
    book = targets  # None: the shipped national targets and reference values
    assessment = assess(governance, as_of) if governance is not None else None
    return CountyReport(
        county=county,
        as_of=as_of,
        facts=basic_facts(county, measures, period, as_of=as_of, measures_info=measures_info),
        inputs=tuple(inputs),
        governance=governance,
        assessment=assessment,
        governance_summary=(
            assessment_summary(governance, assessment)
            if governance is not None and assessment is not None
            else None
        ),
        scorecards=_scorecards(county, measures, sets, book, governance)
        if measures is not None
        else (),
        network=network,
        referral_summary=referral_summary(network, county) if network is not None else None,
        network_view=network_view(network, county) if network is not None else None,
        settlement=settlement_case.settle() if settlement_case is not None else None,
        settlement_case=settlement_case,
        problems=validate_county(county) if problems is None else tuple(problems),
    )


@boundary
def packaged_inputs(name: str) -> dict[str, Any]:
    """The companion inputs of packaged county ``name``, as :func:`build_report` keywords.

    The measures, governance and settlement files it ships, and — since it ships no referral
    records — a network built from :data:`SYNTHETIC_REFERRALS` synthetic records (seed
    :data:`SYNTHETIC_SEED`), each named in ``inputs`` with its caution.
    """
    from countycare.datasets import resource
    from countycare.finance.rules_file import load_settlement_case
    from countycare.governance.files import load_governance
    from countycare.indicators.rollup import roll_up, roll_up_periods
    from countycare.indicators.samples import packaged_measures
    from countycare.io import load_county
    from countycare.referrals.network import build_network
    from countycare.referrals.synthetic import synthetic_referrals

    county = load_county(name)
    table, info = packaged_measures(name)
    path = resource(f"{name}.measures.csv")
    table = roll_up(roll_up_periods(table, source=str(path)), county, source=str(path))
    period = _latest_period(table, county.id)
    year = Period.parse(period) if period else Period.parse(str(dt.date.today().year))
    records = synthetic_referrals(county, year, SYNTHETIC_REFERRALS, seed=SYNTHETIC_SEED)
    settlement = resource(f"{name}.settlement.toml")
    return {
        "measures": table,
        "measures_info": info,
        "governance": load_governance(name, county),
        "network": build_network(records, county),
        "settlement_case": load_settlement_case(settlement),
        "inputs": (
            InputNote("measures", path.name, info.label),
            InputNote("governance", f"{name}.governance.toml"),
            InputNote(
                "referrals",
                f"synthetic: {SYNTHETIC_REFERRALS:,} records, seed {SYNTHETIC_SEED}, {year}",
                "synthetic records drawn by countycare, not real referrals",
                "countycare 生成的模拟记录，并非真实转诊",
            ),
            InputNote(
                "settlement",
                settlement.name,
                "illustrative amounts: no source gives the county's insurance budget",
                "示意金额：没有来源给出该县的医保预算",
            ),
        ),
    }
