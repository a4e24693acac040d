"""The dashboard's figures and charts, and the same data as CSV rows (built from ``selectors.Dashboard``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext

from core.charts import Chart, bar_chart, format_number, line_chart
from funding.formatting import format_money, format_percent
from kpi.enums import Measure
from kpi.selectors import Dashboard


@dataclass
class Figure:
    measure: str
    label: str
    value: str
    target: str
    note: str
    reached: bool | None

    @property
    def method_anchor(self) -> str:
        return f"method-{self.measure}"

    @property
    def method(self) -> str:
        return method_of(self.measure)

    @property
    def status(self) -> str:
        if self.reached is None:
            return gettext("No value yet")
        return gettext("Target reached") if self.reached else gettext("Target not yet reached")


def method_of(measure: str) -> str:
    """How a figure is computed, in words a coordinator can check against the data."""
    texts = {
        Measure.MEMBERS: gettext(
            "Organisations whose membership a coordinator approved and that have not resigned, counted at "
            "the end of the day. Applications waiting for approval and rejected applications do not count."
        ),
        Measure.SUBSCRIBERS: gettext(
            "Newsletter subscriptions the subscriber confirmed by the link in the confirmation email and "
            "that have not ended (unsubscribed, bounced or erased), at this moment."
        ),
        Measure.AI_MORNING_ATTENDANCE: gettext(
            "The average over the published AI mornings held since 1 January of this year that have an "
            "attendance recorded. An AI morning's attendance is the participant count of the meeting tool "
            "when its participant list was imported (the total the file states, people who joined without "
            "registering included) or typed in; otherwise the registrations marked attended."
        ),
        Measure.SATISFACTION: gettext(
            "The latest closed round of the member survey: the average of all scores (1–5) given to its "
            "scale questions; questions left unanswered do not count. A round still open is not counted "
            "until it closes."
        ),
    }
    return texts.get(measure, "")


def _reached(value, target) -> bool | None:
    if value is None or target is None:
        return None
    return Decimal(value) >= Decimal(target)


def _target_text(target) -> str:
    return gettext("Target: %(value)s") % {"value": format_number(target)} if target is not None else ""


def figures(data: Dashboard) -> list[Figure]:
    members_target = data.target(Measure.MEMBERS)
    subscribers_target = data.target(Measure.SUBSCRIBERS)
    attendance_target = data.target(Measure.AI_MORNING_ATTENDANCE)
    satisfaction_target = data.target(Measure.SATISFACTION)
    latest = data.satisfaction_latest

    def share(value, target) -> str:
        if not target:
            return ""
        return gettext("%(share)s of the target") % {"share": format_percent(Decimal(100) * value / target)}

    return [
        Figure(
            measure=Measure.MEMBERS,
            label=gettext("Member organisations"),
            value=format_number(data.members_now),
            target=_target_text(members_target),
            note=share(data.members_now, members_target),
            reached=_reached(data.members_now, members_target),
        ),
        Figure(
            measure=Measure.SUBSCRIBERS,
            label=gettext("Newsletter subscribers"),
            value=format_number(data.subscribers_now),
            target=_target_text(subscribers_target),
            note=share(data.subscribers_now, subscribers_target),
            reached=_reached(data.subscribers_now, subscribers_target),
        ),
        Figure(
            measure=Measure.AI_MORNING_ATTENDANCE,
            label=gettext("Average attendance of AI mornings"),
            value=format_number(data.ai_morning_average),
            target=_target_text(attendance_target),
            note=gettext("%(count)s AI mornings since %(date)s")
            % {
                "count": data.ai_mornings_in_period,
                "date": date_format(data.ai_morning_period_start, "SHORT_DATE_FORMAT"),
            },
            reached=_reached(data.ai_morning_average, attendance_target),
        ),
        Figure(
            measure=Measure.SATISFACTION,
            label=gettext("Member satisfaction (1–5)"),
            value=format_number(latest.average) if latest else format_number(None),
            target=_target_text(satisfaction_target),
            note=(
                gettext("%(survey)s (closed): %(count)s organisations answered")
                % {"survey": latest.title, "count": latest.responses}
                if latest
                else gettext("No closed survey round yet")
            ),
            reached=_reached(latest.average if latest else None, satisfaction_target),
        ),
    ]


def _money(value: Any) -> str:
    return format_money(value)


def measure_charts(data: Dashboard) -> list[Chart]:
    return [
        line_chart(
            title=gettext("Member organisations over time"),
            points=data.members_history,
            value_label=gettext("Member organisations"),
            target=data.target(Measure.MEMBERS),
        ),
        line_chart(
            title=gettext("Newsletter subscribers over time"),
            points=data.subscribers_history,
            value_label=gettext("Subscribers"),
            target=data.target(Measure.SUBSCRIBERS),
        ),
        line_chart(
            title=gettext("Attendance of each AI morning"),
            points=[(m.day, m.attended) for m in data.ai_mornings],
            value_label=gettext("Participants"),
            target=data.target(Measure.AI_MORNING_ATTENDANCE),
        ),
        line_chart(
            title=gettext("Member satisfaction by survey round"),
            points=[(r.day, r.average) for r in data.satisfaction],
            value_label=gettext("Average (1–5)"),
            target=data.target(Measure.SATISFACTION),
        ),
    ]


def funding_charts(data: Dashboard) -> list[Chart]:
    charts = []
    for rows, category, suffix in (
        (data.funding_by_use_case, gettext("Use case"), gettext("per use case")),
        (data.funding_by_region, gettext("Welfare region"), gettext("per welfare region")),
    ):
        charts += [
            bar_chart(
                title=gettext("Applications %(per)s") % {"per": suffix},
                rows=[(r.label, r.applications) for r in rows],
                value_label=gettext("Applications"),
                category_label=category,
            ),
            bar_chart(
                title=gettext("Funding requested %(per)s") % {"per": suffix},
                rows=[(r.label, r.requested) for r in rows],
                value_label=gettext("Funding requested"),
                category_label=category,
                fmt=_money,
            ),
            bar_chart(
                title=gettext("Funding granted %(per)s") % {"per": suffix},
                rows=[(r.label, r.granted) for r in rows],
                value_label=gettext("Funding granted"),
                category_label=category,
                fmt=_money,
            ),
        ]
    return charts


def implementation_charts(data: Dashboard) -> list[Chart]:
    return [
        bar_chart(
            title=gettext("Published AI implementations by stage"),
            rows=data.implementations_by_stage,
            value_label=gettext("AI implementations"),
            category_label=gettext("Stage"),
        ),
        bar_chart(
            title=gettext("Published AI implementations by welfare region"),
            rows=data.implementations_by_region,
            value_label=gettext("AI implementations"),
            category_label=gettext("Welfare region"),
        ),
    ]


def _plain(value: Any) -> str:
    """A number for CSV: a dot as the decimal separator, no grouping."""
    if value is None:
        return ""
    return str(value)


def csv_rows(data: Dashboard) -> list[list[str]]:
    """Every figure of the dashboard: section, item, quantity, value, target."""
    rows = [[gettext("Section"), gettext("Item"), gettext("Quantity"), gettext("Value"), gettext("Target")]]

    def add(section: str, item: str, quantity: str, value: Any, target: Any = None) -> None:
        rows.append([section, item, quantity, _plain(value), _plain(target)])

    section = gettext("Measures of success")
    today = data.today.isoformat()
    add(section, today, gettext("Member organisations"), data.members_now, data.target(Measure.MEMBERS))
    add(
        section,
        today,
        gettext("Newsletter subscribers"),
        data.subscribers_now,
        data.target(Measure.SUBSCRIBERS),
    )
    add(
        section,
        data.ai_morning_period_start.isoformat(),
        gettext("Average attendance of AI mornings"),
        data.ai_morning_average,
        data.target(Measure.AI_MORNING_ATTENDANCE),
    )
    latest = data.satisfaction_latest
    add(
        section,
        latest.day.isoformat() if latest else today,
        gettext("Member satisfaction (1–5)"),
        latest.average if latest else None,
        data.target(Measure.SATISFACTION),
    )
    section = gettext("Member organisations over time")
    for day, count in data.members_history:
        add(section, day.isoformat(), gettext("Member organisations"), count, data.target(Measure.MEMBERS))
    section = gettext("Newsletter subscribers over time")
    for day, count in data.subscribers_history:
        add(section, day.isoformat(), gettext("Subscribers"), count, data.target(Measure.SUBSCRIBERS))
    section = gettext("Attendance of each AI morning")
    for morning in data.ai_mornings:
        add(
            section,
            f"{morning.day.isoformat()} {morning.title}",
            gettext("Participants"),
            morning.attended,
            data.target(Measure.AI_MORNING_ATTENDANCE),
        )
    section = gettext("Member satisfaction by survey round")
    for survey in data.satisfaction:
        add(
            section,
            f"{survey.day.isoformat()} {survey.title}",
            gettext("Average (1–5)"),
            survey.average,
            data.target(Measure.SATISFACTION),
        )
        add(section, f"{survey.day.isoformat()} {survey.title}", gettext("Responses"), survey.responses)
    for rows_of, section in (
        (data.funding_by_use_case, gettext("Funding call per use case")),
        (data.funding_by_region, gettext("Funding call per welfare region")),
    ):
        for row in rows_of:
            add(section, row.label, gettext("Applications"), row.applications)
            add(section, row.label, gettext("Funding requested"), row.requested)
            add(section, row.label, gettext("Funding granted"), row.granted)
    section = gettext("Published AI implementations by stage")
    for label, count in data.implementations_by_stage:
        add(section, label, gettext("AI implementations"), count)
    section = gettext("Published AI implementations by welfare region")
    for label, count in data.implementations_by_region:
        add(section, label, gettext("AI implementations"), count)
    return rows
