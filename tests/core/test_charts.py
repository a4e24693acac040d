"""The SVG charts: the same data in the SVG and the table, no inline styles, safe with empty or zero data."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation

from core.charts import bar_chart, format_number, line_chart

NBSP = "\u00a0"


def _widths(svg: str) -> list[str]:
    return re.findall(r'class="kpi-svg__bar" x="\d+" y="\d+" width="([\d.]+)"', svg)


def test_bar_chart_rows_are_formatted_in_the_active_language():
    with translation.override("fi"):
        chart = bar_chart(
            title="Hakemukset", rows=[("Pirkanmaa", 1500), ("Lappi", Decimal("2.5"))], value_label="Määrä"
        )
    assert chart.headers[1] == "Määrä"
    assert chart.rows == [["Pirkanmaa", f"1{NBSP}500"], ["Lappi", "2,50"]]
    with translation.override("en"):
        chart = bar_chart(title="Applications", rows=[("Pirkanmaa", 1500)], value_label="Count")
    assert chart.rows == [["Pirkanmaa", "1,500"]]


def test_bar_chart_scales_bars_to_the_largest_value_and_draws_the_target():
    with translation.override("en"):
        chart = bar_chart(title="T", rows=[("a", 100), ("b", 50)], value_label="n", target=200)
    # 200 is the top of the scale (a round number), the plot is 640 - 210 - 110 = 320 wide.
    assert _widths(chart.svg) == ["160.0", "80.0"]
    assert 'class="kpi-svg__target"' in chart.svg
    assert chart.target == "Target: 200"
    assert chart.headers == ["Category", "n"]


def test_bar_chart_without_rows_or_with_zeros_divides_by_nothing():
    empty = bar_chart(title="Empty", rows=[], value_label="n")
    assert empty.rows == []
    assert "<svg" in empty.svg
    zeros = bar_chart(title="Zeros", rows=[("a", 0), ("b", Decimal("0"))], value_label="n")
    assert _widths(zeros.svg) == ["0.0", "0.0"]


def test_svg_is_accessible_and_has_no_inline_style():
    chart = bar_chart(title='<b>"x"</b>', rows=[("<script>", 1)], value_label="n")
    svg = str(chart.svg)
    assert 'role="img"' in svg
    assert f'aria-labelledby="{chart.ident}-title"' in svg
    assert f'<title id="{chart.ident}-title">&lt;b&gt;&quot;x&quot;&lt;/b&gt;</title>' in svg
    assert "<script>" not in svg
    assert "style=" not in svg
    assert "<style" not in svg


def test_line_chart_sorts_points_and_handles_one_point_and_zeros():
    with translation.override("fi"):
        chart = line_chart(
            title="Jäsenet",
            points=[(date(2026, 3, 1), 20), (date(2026, 1, 1), 10)],
            value_label="Jäseniä",
            target=300,
        )
    assert chart.rows == [["1.1.2026", "10"], ["1.3.2026", "20"]]
    assert "kpi-svg__target" in chart.svg
    assert chart.svg.count('class="kpi-svg__point"') == 2
    single = line_chart(title="One", points=[(date(2026, 1, 1), 0)], value_label="n")
    assert single.svg.count('class="kpi-svg__point"') == 1
    assert "nan" not in single.svg.lower()
    empty = line_chart(title="None", points=[], value_label="n")
    assert empty.rows == []
    assert "kpi-svg__point" not in empty.svg


def test_line_chart_points_are_placed_by_date_and_value():
    chart = line_chart(
        title="T", points=[(date(2026, 1, 1), 0), (date(2026, 1, 3), 4)], value_label="n", target=None
    )
    # x from 72 to 616, y from 216 (zero) to 24 (top of scale: 4 × 1.05 rounds up to 5).
    points = re.search(r'<polyline class="kpi-svg__line" points="([^"]+)"', chart.svg).group(1)
    assert points == "72.0,216.0 616.0,62.4"


def test_format_number_uses_locale_grouping_and_decimals():
    with translation.override("fi"):
        assert format_number(1234567) == f"1{NBSP}234{NBSP}567"
        assert format_number(Decimal("3.857")) == "3,86"
        assert format_number(4.0) == "4"
        assert format_number(None) == "–"
    with translation.override("sv"):
        assert format_number(Decimal("3.5")) == "3,50"


def test_template_renders_figure_svg_and_table():
    chart = bar_chart(title="Alueet", rows=[("Lappi", 3)], value_label="Määrä", target=5)
    html = render_to_string("kpi/_chart.html", {"chart": chart})
    assert f'<figure class="kpi-chart" id="{chart.ident}" aria-labelledby="{chart.ident}-caption">' in html
    assert '<th scope="col">Määrä</th>' in html
    assert '<th scope="row">Lappi</th>' in html
    assert '<td class="kpi-table__number">3</td>' in html
    assert "style=" not in html
    empty = line_chart(title="Tyhjä", points=[], value_label="n")
    html = render_to_string("kpi/_chart.html", {"chart": empty})
    assert '<td colspan="2">' in html
