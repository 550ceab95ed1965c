"""Formula kinds: how an indicator is computed from measures, with its natural unit.

A formula names the *components* it needs (a measure, an optional category such as an age band,
and how many years back: 0, or 1 for the same period a year earlier) and *reduces* arrays of
those components to values, vectorised over many (scope, period) points. Evaluation
(:mod:`countycare.indicators.evaluation`) fetches the components; roll-up sums them over scopes
before reducing, so a ratio rolls up as a ratio of sums.

Each kind knows the unit its result naturally has (``visit / visit``, ``physician / person``), so
that a definition can refuse a declared unit its formula does not reduce to.

Examples
--------
>>> import numpy as np
>>> f = Ratio("visits_primary", "visits")
>>> str(f.natural_unit().dimensionality)
'dimensionless'
>>> arrays = {"numerator": np.array([6.0, 1.0]), "denominator": np.array([10.0, 0.0])}
>>> value, undefined = f.reduce(arrays)
>>> float(value[0]), [str(message) for mask, message in undefined if mask[1]]
(0.6, ["denominator 'visits' is zero"])
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import attrs
import numpy as np

from countycare.errors import DefinitionError
from countycare.geography import to_tuple
from countycare.indicators.measures import AGE_BANDS_30_69, measure
from countycare.units import parse_unit

__all__ = [
    "Checklist",
    "Component",
    "Count",
    "Formula",
    "Growth",
    "PrematureMortality",
    "Ratio",
    "RatioOfRatios",
]

Floats = np.ndarray[Any, np.dtype[np.float64]]
Mask = np.ndarray[Any, np.dtype[np.bool_]]
#: A reduction: values (NaN only where a mask below marks them undefined) and reasons.
Reduced = tuple[Floats, list[tuple[Mask, str]]]


@attrs.frozen
class Component:
    """One input of a formula: ``measure`` (in ``category``) in the same period ``years_back``
    years before the point (2024Q1 one year back is 2023Q1, never 2023Q4)."""

    key: str
    measure: str
    category: str = ""
    years_back: int = 0

    def prefixed(self, prefix: str, years_back: int = 0) -> Component:
        """The same component under ``prefix.key``, ``years_back`` more years back."""
        return Component(
            f"{prefix}.{self.key}", self.measure, self.category, self.years_back + years_back
        )


class Formula(Protocol):
    """What every formula kind provides."""

    def components(self) -> tuple[Component, ...]:
        """The inputs, each a measure (and category) at a lag."""

    def natural_unit(self) -> Any:
        """The pint unit the result has before conversion to the declared unit."""

    def reduce(self, values: Mapping[str, Floats]) -> Reduced:
        """Values from component arrays, and (mask, reason) pairs where a value is undefined."""

    def latex(self) -> str:
        """The formula as LaTeX math for the catalogue page."""


def _unit_of(code: str) -> Any:
    return parse_unit(measure(code).unit)


def _tex(code: str) -> str:
    return r"\mathrm{" + code.replace("_", r"\_") + "}"


def _divide(num: Floats, den: Floats) -> Floats:
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out: Floats = np.where(den != 0, num / np.where(den != 0, den, 1.0), np.nan)
    return out


def _known_measure(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    measure(value)


@attrs.frozen
class Count:
    """The value of one measure, e.g. downward referrals (下转患者人次)."""

    measure: str = attrs.field(validator=_known_measure)

    def components(self) -> tuple[Component, ...]:
        """One component, ``value``."""
        return (Component("value", self.measure),)

    def natural_unit(self) -> Any:
        """The measure's unit."""
        return _unit_of(self.measure)

    def reduce(self, values: Mapping[str, Floats]) -> Reduced:
        """The measure itself; never undefined once present."""
        return np.asarray(values["value"], dtype=np.float64), []

    def latex(self) -> str:
        """The measure's code."""
        return _tex(self.measure)


@attrs.frozen
class Ratio:
    """``numerator ÷ denominator``; the scale (%, per 10,000) comes from the declared unit."""

    numerator: str = attrs.field(validator=_known_measure)
    denominator: str = attrs.field(validator=_known_measure)

    def components(self) -> tuple[Component, ...]:
        """``numerator`` and ``denominator``."""
        return (Component("numerator", self.numerator), Component("denominator", self.denominator))

    def natural_unit(self) -> Any:
        """The numerator's unit over the denominator's."""
        return _unit_of(self.numerator) / _unit_of(self.denominator)

    def reduce(self, values: Mapping[str, Floats]) -> Reduced:
        """Undefined where the denominator is zero."""
        num, den = values["numerator"], values["denominator"]
        return _divide(num, den), [(den == 0, f"denominator {self.denominator!r} is zero")]

    def latex(self) -> str:
        """A fraction of the two measures."""
        return rf"\frac{{{_tex(self.numerator)}}}{{{_tex(self.denominator)}}}"


@attrs.frozen
class RatioOfRatios:
    """``(a ÷ b) ÷ (c ÷ d)``, e.g. primary per-capita income over the lead hospital's."""

    numerator: Ratio
    denominator: Ratio

    def components(self) -> tuple[Component, ...]:
        """The components of both ratios, under ``numerator.`` and ``denominator.``."""
        return tuple(c.prefixed("numerator") for c in self.numerator.components()) + tuple(
            c.prefixed("denominator") for c in self.denominator.components()
        )

    def natural_unit(self) -> Any:
        """The unit of the first ratio over that of the second."""
        return self.numerator.natural_unit() / self.denominator.natural_unit()

    def reduce(self, values: Mapping[str, Floats]) -> Reduced:
        """Undefined where either inner denominator, or the second ratio, is zero."""
        top, top_undefined = self.numerator.reduce(_strip(values, "numerator"))
        bottom, bottom_undefined = self.denominator.reduce(_strip(values, "denominator"))
        zero_bottom = np.nan_to_num(bottom, nan=1.0) == 0
        reasons = [*top_undefined, *bottom_undefined]
        ratio = f"{self.denominator.numerator} / {self.denominator.denominator}"
        reasons.append((zero_bottom, f"ratio {ratio} is zero"))
        return _divide(top, bottom), reasons

    def latex(self) -> str:
        """A fraction of two fractions."""
        return rf"\frac{{{self.numerator.latex()}}}{{{self.denominator.latex()}}}"


def _strip(values: Mapping[str, Floats], prefix: str) -> dict[str, Floats]:
    start = prefix + "."
    return {k[len(start) :]: v for k, v in values.items() if k.startswith(start)}


@attrs.frozen
class Growth:
    """Year-on-year growth (同比增长率) of a formula: ``(x_t − x_{t−1y}) ÷ x_{t−1y}``, where
    ``t−1y`` is the same period a year earlier (2024Q1 against 2023Q1, 2024-03 against 2023-03,
    2024 against 2023), so that a seasonal series is not read as growth."""

    of: Count | Ratio

    def components(self) -> tuple[Component, ...]:
        """The inner components now (``current.``) and a year earlier (``previous.``)."""
        inner = self.of.components()
        return tuple(c.prefixed("current") for c in inner) + tuple(
            c.prefixed("previous", years_back=1) for c in inner
        )

    def natural_unit(self) -> Any:
        """Dimensionless: a change relative to the earlier value."""
        return parse_unit("ratio")

    def reduce(self, values: Mapping[str, Floats]) -> Reduced:
        """Undefined where either value is undefined or the earlier value is zero."""
        now, now_undefined = self.of.reduce(_strip(values, "current"))
        before, before_undefined = self.of.reduce(_strip(values, "previous"))
        reasons = [(m, f"current period: {r}") for m, r in now_undefined]
        reasons += [(m, f"same period a year earlier: {r}") for m, r in before_undefined]
        zero = np.nan_to_num(before, nan=1.0) == 0
        reasons.append((zero, "the value of the same period a year earlier is zero"))
        return _divide(now - before, before), reasons

    def latex(self) -> str:
        """Year-on-year growth of the inner formula (``t−1y``: the same period a year earlier)."""
        inner = self.of.latex()
        return rf"\frac{{({inner})_t - ({inner})_{{t-1y}}}}{{({inner})_{{t-1y}}}}"


def _bands(value: object) -> tuple[str, ...]:
    bands = to_tuple(value)  # type: ignore[arg-type]
    if not bands:
        raise DefinitionError("premature mortality needs at least one age band")
    return bands


@attrs.frozen
class PrematureMortality:
    """WHO SDG 3.4.1: the probability of dying between 30 and 70 from the four NCD groups.

    For each five-year band, ``M = deaths ÷ population`` (an annual rate),
    ``q = 5M ÷ (1 + 2.5M)``; the result is ``1 − Π(1 − q)``. The method assumes small rates:
    ``q`` is a probability and is capped at 1 (reached at ``M = 0.4``, far beyond any real
    population), so the result always lies in [0, 1].
    """

    deaths: str = attrs.field(default="ncd4_deaths", validator=_known_measure)
    population: str = attrs.field(default="population_by_age", validator=_known_measure)
    bands: tuple[str, ...] = attrs.field(default=AGE_BANDS_30_69, converter=_bands)

    def __attrs_post_init__(self) -> None:
        for code in (self.deaths, self.population):
            unknown = set(self.bands) - set(measure(code).categories)
            if unknown:
                raise DefinitionError(f"measure {code!r} has no age band {sorted(unknown)[0]!r}")

    def components(self) -> tuple[Component, ...]:
        """Deaths and population of every band."""
        return tuple(
            Component(f"{role}[{band}]", code, band)
            for band in self.bands
            for role, code in (("deaths", self.deaths), ("population", self.population))
        )

    def natural_unit(self) -> Any:
        """A probability: ``death / person`` read as deaths per person (dimensionless)."""
        rate = _unit_of(self.deaths) / _unit_of(self.population)
        if rate.dimensionality != parse_unit("death / person").dimensionality:
            raise DefinitionError(
                f"premature mortality needs deaths per person, got {rate!s} ({rate.dimensionality})"
            )
        return parse_unit("ratio")

    def reduce(self, values: Mapping[str, Floats]) -> Reduced:
        """``1 − Π(1 − q)``; undefined where a band's population is zero."""
        survive: Floats | None = None
        reasons: list[tuple[Mask, str]] = []
        for band in self.bands:
            deaths, population = values[f"deaths[{band}]"], values[f"population[{band}]"]
            # From a rate of 0.4 on, 5M / (1 + 2.5M) is at least 1 and q is 1: the rate is
            # capped there, so that a huge rate (even one that overflows) gives q = 1 exactly
            # instead of overflowing 5M into inf / inf. A zero population stays NaN.
            rate = np.minimum(_divide(deaths, population), 0.4)
            q = np.minimum(1.0, 5.0 * rate / (1.0 + 2.5 * rate))
            survive = 1.0 - q if survive is None else survive * (1.0 - q)
            reasons.append((population == 0, f"population of age band {band!r} is zero"))
        assert survive is not None  # bands is never empty (validated)
        return 1.0 - survive, reasons

    def latex(self) -> str:
        """The life-table probability."""
        return (
            r"1 - \prod_{x=30,35,\dots,65}\left(1 - \frac{5M_x}{1 + 2.5M_x}\right),\quad "
            rf"M_x = \frac{{{_tex(self.deaths)}_x}}{{{_tex(self.population)}_x}}"
        )


@attrs.frozen
class Checklist:
    """A qualitative item judged met or not met from an explicit :class:`ChecklistAnswer`.

    ``requirements`` are the practice codes the item asks for (``a|b``: either will do); an
    answer lists those missing. The governance assessment produces such answers.
    """

    requirements: tuple[str, ...] = attrs.field(converter=to_tuple)

    def components(self) -> tuple[Component, ...]:
        """None: a checklist reads answers, not measures."""
        return ()

    def natural_unit(self) -> Any:
        """Dimensionless: 1 for met, 0 for not met."""
        return parse_unit("")

    def reduce(self, values: Mapping[str, Floats]) -> Reduced:
        """Answers are applied by evaluation; there is nothing to reduce."""
        raise DefinitionError("a checklist is judged from answers, not reduced from measures")

    def latex(self) -> str:
        """The requirements, as text."""
        items = ", ".join(r.replace("_", r"\_") for r in self.requirements)
        return rf"\text{{met when all of: }}\mathrm{{{items}}}"
