"""Bar charts for the reach dashboard as inline SVG (pygal), readable without JavaScript.

pygal's default output loads its tooltip script from a CDN; `js=[]` switches that off
(no third-party requests). Every chart gets an SVG <title> and <desc> and role="img";
the dashboard puts a table with the same numbers beside it, which is what screen
reader users read.
"""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Sequence

import pygal
from pygal.style import Style

# Contrast of at least 4.5:1 on white for text and 3:1 for bars (WCAG 1.4.3, 1.4.11).
STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#595959",
    colors=("#00704a", "#1a1a1a", "#8a4b00"),
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=13,
    opacity="1",  # pygal fades bars by default, which lowers the contrast of the numbers on them
    opacity_hover="1",
    value_colors=("white", "white", "white"),  # printed inside the bars: white on the dark fills
    legend_font_size=14,
)

Series = tuple[str, Sequence[int | None]]


def bar_chart(title: str, description: str, labels: Sequence[str], series: Sequence[Series], *, horizontal: bool = False) -> str:
    """An accessible SVG bar chart; None values (hidden small groups) draw no bar."""
    chart_class = pygal.HorizontalBar if horizontal else pygal.Bar
    height = max(240, 40 + 34 * len(labels) * max(len(series), 1)) if horizontal else 360
    chart = chart_class(
        style=STYLE,
        js=[],
        disable_xml_declaration=True,
        width=760,
        height=height,
        show_legend=len(series) > 1,
        legend_at_bottom=True,
        print_values=True,
        x_label_rotation=0 if horizontal or len(labels) <= 8 else 45,
        truncate_label=-1,
        no_data_text="",
        margin=16,
    )
    # pygal draws horizontal bars bottom-up; reverse so the chart reads top-down like the table beside it.
    order = slice(None, None, -1) if horizontal else slice(None)
    chart.x_labels = list(labels)[order]
    for name, values in series:
        chart.add(name, list(values)[order])
    return _accessible(chart.render(is_unicode=True), title, description)


def _accessible(svg: str, title: str, description: str) -> str:
    """Give the root <svg> role="img", a <title> and a <desc>; drop pygal's comments and config script.

    pygal writes a <script> with its tooltip config even when js=[]; without its library
    it does nothing, and a strict Content-Security-Policy would refuse it anyway.
    """
    ident = "grafiek-" + uuid.uuid4().hex[:8]
    # pygal also names every chart "Pygal" in a <title> of its own; ours goes first, theirs goes.
    svg = re.sub(r"<!--.*?-->|<script\b.*?</script>|<title>Pygal</title>", "", svg, flags=re.S)
    # Its only style attribute hides the (empty) tooltip that its script would fill; a policy
    # without 'unsafe-inline' refuses style attributes, and nothing here needs one.
    svg = svg.replace(' style="opacity: 0"', "")
    opening = re.match(r"<svg\b[^>]*>", svg)
    if opening is None:
        raise ValueError("pygal output does not start with an <svg> element")
    root = opening[0][:-1] + f' role="img" aria-labelledby="{ident}-titel {ident}-uitleg">'
    labels = f'<title id="{ident}-titel">{html.escape(title)}</title><desc id="{ident}-uitleg">{html.escape(description)}</desc>'
    return root + labels + svg[opening.end():]


def move_styles_out(svg: str) -> tuple[str, str]:
    """The chart without its <style> elements, and their CSS, for one <style> in the page's head.

    pygal scopes every rule to the chart's own id, so the rules work the same from there; the page
    can then allow that one element with a Content-Security-Policy nonce (which HTML allows on
    <style>, but not on SVG's <style>).
    """
    css: list[str] = []

    def take(match: re.Match[str]) -> str:
        # SVG is XML, so pygal wrote `>` as `&gt;`; an HTML <style> takes its text literally.
        css.append(html.unescape(match[1]))
        return ""

    svg = re.sub(r"<style\b[^>]*>(.*?)</style>", take, svg, flags=re.S)
    text = "\n".join(css)
    if "<" in text:
        raise ValueError("pygal's chart CSS contains '<'; it cannot go into a <style> element as it is")
    return svg, text
