"""The small server-side charts: a sparkline for a table cell, and a figure placed among quartiles."""

from decimal import Decimal

from core.charts import quartile_chart, sparkline


def test_a_sparkline_names_its_trend_in_words_and_skips_missing_quarters():
    svg = str(sparkline([Decimal("10"), None, Decimal("12.5"), Decimal("9")], "RP02(1), Northmoor Homes"))
    assert svg.startswith('<svg class="portal-sparkline" role="img"')
    words = "RP02(1), Northmoor Homes: from 10.0 to 9.0, lowest 9.0, highest 12.5, 3 of 4 quarters reported"
    assert f'aria-label="{words}"' in svg and f"<title>{words}</title>" in svg
    assert svg.count(",") - words.count(",") * 2 == 3  # three points on the line: the missing quarter is skipped
    assert "<polyline" in svg


def test_a_sparkline_with_no_figures_says_so_and_one_figure_is_a_dot():
    assert "No figures" in str(sparkline([None, None], "x"))
    one = str(sparkline([None, Decimal("5")], "x"))
    assert "<polyline" not in one and "<circle" in one


def test_a_flat_sparkline_is_drawn_across_the_middle():
    svg = str(sparkline([Decimal("3"), Decimal("3")], "x", height=24))
    assert 'points="3.0,12.0 93.0,12.0"' in svg


def test_chart_text_is_escaped():
    svg = str(sparkline([Decimal("1"), Decimal("2")], '<script>"x"</script>'))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    svg = str(quartile_chart(1, 2, 3, 2, "t", subject="<b>Homes</b>"))
    assert "<b>" not in svg and "&lt;b&gt;Homes&lt;/b&gt; 2.0" in svg


def test_a_quartile_chart_labels_each_boundary_and_the_figure():
    svg = str(quartile_chart(Decimal("66.25"), Decimal("72.5"), Decimal("78.75"), Decimal("70"), "RP02(1)"))
    assert 'aria-label="RP02(1): lower quartile 66.3, median 72.5, upper quartile 78.8; This ALMO 70.0"' in svg
    for text in ("Lower quartile 66.3", "Median 72.5", "Upper quartile 78.8", "This ALMO 70.0"):
        assert f">{text}</text>" in svg
    # The figure's diamond lies between the lower quartile and the median.
    lower_x = float(svg.split('<line x1="')[2].split('"')[0])
    median_x = float(svg.split('<line x1="')[3].split('"')[0])
    figure_x = float(svg.split('<path d="M')[1].split(",")[0])
    assert lower_x < figure_x < median_x


def test_a_quartile_chart_without_a_figure_draws_only_the_boundaries():
    svg = str(quartile_chart(1, 1, 1, None, "x", decimal_places=0))
    assert "<path" not in svg and "This ALMO" not in svg and "median 1," in svg
