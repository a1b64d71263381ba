"""Admin area /beheer/website: page views and visitors per page, type, sector and more, the funnels, and charts."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, render_template, request
from markupsafe import Markup

from leerstad import urls
from leerstad.urls import in_admin
from registration import clock
from registration.errors import style_nonce
from registration.extensions import get_catalogue, get_db, get_stats_db
from registration.privacy.charts import bar_chart, move_styles_out
from registration.stats import rules

# An area of the /beheer blueprint (admin/guard.py), which requires the login.
bp = Blueprint("website", __name__)

PERIODS = (7, 30, 90, 365)
SUPPRESSED = "< 5"
DIMENSION_TITLES = {
    "pagina": "Pagina",
    "type": "Soort pagina",
    "sector": "Sector",
    "editie": "Netwerkweek-editie",
    "herkomst": "Herkomst (domein van de verwijzende site)",
    "campagne": "Campagne (utm_source / utm_campaign)",
    "apparaat": "Apparaat",
    "taal": "Taal van de browser",
    "actie": "Acties",
}
EMPTY_VALUE = {"herkomst": "direct of via deze site", "campagne": "geen campagne", "taal": "onbekend"}
STEP_TITLES = {
    rules.START: "Sectorpagina (bij een editie: Netwerkweek-pagina)",
    rules.EVENT_PAGE: "Evenementpagina",
    rules.FORM_OPENED: "Aanmeldformulier geopend",
    rules.SIGNED_UP: "Aangemeld",
    rules.OFFER_VIEWED: "Stage bekeken",
    rules.APPLY_CLICKED: "Op 'zo reageer je' geklikt",
}


def shown(count: int | None) -> str:
    """A count as the page shows it: below 5 as "< 5", so that no visitor stands out."""
    if count is None:
        return "–"
    return SUPPRESSED if count < rules.SUPPRESSED_BELOW else str(count)


def _period() -> tuple[int, str, str, str]:
    try:
        days = int(request.args.get("dagen", "30"))
    except ValueError:
        days = 30
    days = days if days in PERIODS else 30
    today = rules.local_day(clock.now())
    first = (dt.date.fromisoformat(today) - dt.timedelta(days=days - 1)).isoformat()
    return days, first, today, today


def _scope_title(scope: str, content) -> str:
    kind, _, value = scope.partition(":")
    if kind == "sector":
        sector = content.sectors.get(value)
        return f"Sector {sector.title if sector else value}"
    if kind == "editie":
        return f"Netwerkweek {value}"
    if kind == rules.STAGEMARKT:
        sector = content.sectors.get(value)
        return "Stagemarkt" + (f", sector {sector.title if sector else value}" if value else ", alle sectoren")
    return scope


def _funnels(report: rules.Report, present: dict[str, int], content) -> list[dict]:
    scopes = sorted(set(report.funnels) | set(present), key=lambda s: (s.split(":")[0] != "editie", s.split(":")[0], s))
    funnels = []
    for scope in scopes:
        steps = [(STEP_TITLES[step], report.funnels.get(scope, {}).get(step, 0)) for step in rules.funnel_of(scope)]
        funnels.append({"scope": scope, "title": _scope_title(scope, content), "steps": steps,
                        "present": present.get(scope) if rules.funnel_of(scope) == rules.EVENT_FUNNEL else None})
    return funnels


def _charts(report: rules.Report, funnels: list[dict]) -> tuple[dict[str, Markup], Markup]:
    svgs = {}
    if report.per_day:
        svgs["per_day"] = bar_chart(
            "Paginaweergaven per dag",
            "Staafdiagram: per dag het aantal paginaweergaven. Dagen met minder dan 5 weergaven staan er zonder staaf in."
            " De tabel eronder geeft dezelfde cijfers.",
            [row.value for row in report.per_day],
            [("Weergaven", [None if row.views < rules.SUPPRESSED_BELOW else row.views for row in report.per_day])],
        )
    for index, funnel in enumerate(funnels):
        labels = [title for title, _count in funnel["steps"]]
        values = [None if count < rules.SUPPRESSED_BELOW else count for _title, count in funnel["steps"]]
        if funnel["present"] is not None:
            labels.append("Aanwezig bij de check-in")
            values.append(None if funnel["present"] < rules.SUPPRESSED_BELOW else funnel["present"])
        svgs[f"funnel{index}"] = bar_chart(
            f"Trechter: {funnel['title']}",
            "Staafdiagram: per stap het aantal bezoekers dat op dezelfde dag ook alle stappen ervoor haalde;"
            " stappen met minder dan 5 staan er zonder staaf in. De tabel ernaast geeft dezelfde cijfers.",
            labels, [("Bezoekers", values)], horizontal=True,
        )
    charts, css = {}, []
    for name, svg in svgs.items():
        body, chart_css = move_styles_out(svg)
        charts[name] = Markup(body)  # noqa: S704 (pygal output, labels escaped by it)
        css.append(chart_css)
    return charts, Markup("\n".join(css))  # noqa: S704 (pygal's CSS from our own style settings; checked for '<')


@bp.get(in_admin(urls.admin_website_path()))
def dashboard():
    days, first, last, today = _period()
    db = get_stats_db()
    rules.todays_salt(db, today)  # ends yesterday if no visitor has yet today, so its visitors are counted
    report = rules.report(db, first, last, today)
    content = get_catalogue().content()
    funnels = _funnels(report, rules.attendance(get_db(), content, first, last), content)
    charts, chart_css = _charts(report, funnels)
    return render_template(
        "stats/dashboard.html",
        report=report, days=days, periods=PERIODS, funnels=funnels, charts=charts, chart_css=chart_css,
        style_nonce=style_nonce(), titles=DIMENSION_TITLES, empty=EMPTY_VALUE, shown=shown, sectors=content.sectors,
    )
