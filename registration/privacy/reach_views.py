"""Reach dashboard /beheer/bereik: figures per sector against targets, breakdowns, charts and CSV (admins only)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request
from markupsafe import Markup

from leerstad import urls
from leerstad.urls import in_admin
from registration.admin.csv_export import registrations_csv
from registration.errors import style_nonce
from registration.extensions import get_catalogue, get_db
from registration.forms import ActionForm
from registration.privacy.charts import bar_chart, move_styles_out
from registration.privacy.person_key import person_key_secret
from registration.privacy.reach import BREAKDOWNS, UNKNOWN, Group, ReachReport, SectorReach, reach_report

# An area of the /beheer blueprint (admin/guard.py), which requires the login.
bp = Blueprint("reach", __name__)

# Dutch names of the breakdowns; kept with the view because the CSV needs them too.
BREAKDOWN_TITLES = {
    "education_level": "Onderwijsniveau",
    "age_group": "Leeftijdsgroep",
    "postcode_area": "Postcodegebied (4 cijfers)",
    "signup_day": "Dag van aanmelding",
}
NOT_FILLED_IN = "niet ingevuld"
SUPPRESSED = "< 5"

CSV_COLUMNS = (
    ("part", "onderdeel"),
    ("group", "sector of groep"),
    ("registrations", "aanmeldingen"),
    ("seats", "plaatsen"),
    ("people", "unieke personen"),
    ("attended", "aanwezig"),
    ("attended_seats", "aanwezige plaatsen"),
    ("waiting", "wachtlijst"),
    ("target", "doel"),
    ("percent", "% van doel"),
)


def _report() -> tuple[ReachReport | None, str | None]:
    content = get_catalogue().content()
    sector = request.args.get("sector") or None
    if sector is not None and sector not in content.sectors:
        return None, sector
    return reach_report(get_db(), content, person_key_secret(current_app.config), sector=sector), None


def _unknown_sector(slug: str):
    return render_template("reach/unknown_sector.html", slug=slug), 404


def group_label(dimension: str, group: Group) -> str:
    return NOT_FILLED_IN if group.value == UNKNOWN else group.value


def _charts(report: ReachReport) -> dict[str, Markup]:
    sectors = report.sectors
    charts = {
        "sectors": bar_chart(
            "Unieke personen en doel per sector",
            "Staafdiagram: per sector het aantal unieke personen dat zich aanmeldde naast het doel voor dit programmajaar."
            " De tabel eronder geeft dezelfde cijfers.",
            [s.title for s in sectors],
            [("Unieke personen", [s.people for s in sectors]), ("Doel", [s.target for s in sectors])],
            horizontal=True,
        )
    }
    for dimension in BREAKDOWNS:
        groups = report.breakdowns[dimension]
        if not groups:
            continue
        title = BREAKDOWN_TITLES[dimension]
        charts[dimension] = bar_chart(
            f"Aanmeldingen per {title.lower()}",
            f"Staafdiagram: aantal aanmeldingen per {title.lower()}. Groepen met minder dan {report.threshold} aanmeldingen"
            " staan er zonder staaf in. De tabel ernaast geeft dezelfde cijfers.",
            [group_label(dimension, g) for g in groups],
            [("Aanmeldingen", [None if g.suppressed else g.counts.registrations for g in groups])],
            horizontal=dimension != "signup_day",
        )
    return {name: Markup(svg) for name, svg in charts.items()}  # noqa: S704 (pygal output, labels escaped by it)


def _charts_and_css(report: ReachReport) -> tuple[dict[str, Markup], Markup]:
    """The charts' SVG and, apart, their CSS for one <style> that the page's policy allows by nonce."""
    charts, css = {}, []
    for name, svg in _charts(report).items():
        charts[name], chart_css = move_styles_out(str(svg))
        charts[name] = Markup(charts[name])  # noqa: S704 (as above)
        css.append(chart_css)
    return charts, Markup("\n".join(css))  # noqa: S704 (pygal's CSS from our own style settings; checked for '<')


@bp.get(in_admin(urls.admin_reach_path()))
def dashboard():
    report, unknown = _report()
    if report is None:
        return _unknown_sector(unknown or "")
    content = get_catalogue().content()
    charts, chart_css = _charts_and_css(report)
    return render_template(
        "reach/dashboard.html",
        report=report,
        charts=charts,
        chart_css=chart_css,
        style_nonce=style_nonce(),
        titles=BREAKDOWN_TITLES,
        breakdowns=BREAKDOWNS,
        group_label=group_label,
        sectors=content.sectors_in_order(),
        suppressed=SUPPRESSED,
        form=ActionForm(),
    )


def _sector_row(reach: SectorReach, label: str) -> dict:
    return {
        "part": "sector", "group": label, **reach.counts.as_dict(), "people": reach.people,
        "target": reach.target, "percent": reach.percent_of_target,
    }


def csv_rows(report: ReachReport) -> list[dict]:
    """The dashboard's tables as rows; hidden small groups read "< 5" in every count column."""
    rows = [_sector_row(s, s.title) for s in report.sectors]
    rows.append(_sector_row(report.programme, "Heel het programma"))
    for dimension in BREAKDOWNS:
        for group in report.breakdowns[dimension]:
            counts = {n: SUPPRESSED for n in ("registrations", "seats", "attended", "attended_seats", "waiting")} \
                if group.suppressed else group.counts.as_dict()
            rows.append({"part": BREAKDOWN_TITLES[dimension].lower(), "group": group_label(dimension, group), **counts})
    return rows


@bp.get(in_admin(urls.admin_reach_csv_path()))
def dashboard_csv():
    report, unknown = _report()
    if report is None:
        return _unknown_sector(unknown or "")
    response = Response(registrations_csv(CSV_COLUMNS, csv_rows(report)), content_type="text/csv; charset=utf-8")
    suffix = f"-{report.sector_filter}" if report.sector_filter else ""
    response.headers["Content-Disposition"] = f'attachment; filename="bereik{suffix}.csv"'
    return response
