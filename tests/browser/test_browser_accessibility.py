"""axe-core (WCAG 2.0/2.1 A and AA rules) finds no violations on any page type, site and app alike."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from leerstad import urls

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 390, "height": 844}

# Page types of the built site; each is resolved to one real page of the current content.
STATIC_PAGE_TYPES = [
    "home", "sectors overview", "sector", "stories list", "story", "agenda", "netwerkweek programme", "netwerkweek day",
    "netwerkweek sector", "netwerkweek audience", "event", "hubs overview", "hub", "stagemarkt overview", "stagemarkt level",
    "stagemarkt groups", "internship offer", "partners overview", "partner",
    "privacy", "accessibility statement", "contact", "about", "search", "404",
]


@pytest.fixture(scope="module")
def site_pages(picks) -> dict[str, str]:
    programme = picks.first_child("/netwerkweek/")
    return {
        "home": urls.home_path(),
        "sectors overview": urls.sectors_index_path(),
        "sector": picks.first_child(urls.sectors_index_path()),
        "stories list": urls.stories_index_path(),
        "story": picks.first_child(urls.stories_index_path()),
        "agenda": urls.events_index_path(),
        "netwerkweek programme": programme,
        "netwerkweek day": picks.first_child(programme + "dag/"),
        "netwerkweek sector": picks.first_child(programme + "sector/"),
        "netwerkweek audience": picks.first_child(programme + "voor/"),
        "event": picks.events[0]["path"],
        "hubs overview": urls.hubs_index_path(),
        "hub": picks.first_child(urls.hubs_index_path()),
        "stagemarkt overview": urls.internships_index_path(),
        "stagemarkt level": picks.first_child("/stagemarkt/niveau/"),
        "stagemarkt groups": urls.group_internships_path(),
        "internship offer": picks.first_child(urls.internships_index_path(), skip=("niveau", "groepsstages")),
        "partners overview": urls.organisations_index_path(),
        "partner": picks.first_child(urls.organisations_index_path()),
        "privacy": urls.page_path("privacyverklaring"),
        "accessibility statement": urls.page_path("toegankelijkheidsverklaring"),
        "contact": urls.page_path("contact"),
        "about": urls.page_path("over-leerstad"),
        "search": urls.search_path(),
        "404": "/bestaat-niet/",
    }


def axe_violations(page, axe_source: str) -> list[dict]:
    page.add_script_tag(content=axe_source)
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
            return result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary })) }));
        }""",
        WCAG_TAGS,
    )


def report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    {node['target']}: {' '.join(node['summary'].split())}")
    return "\n".join(lines)


def assert_no_violations(page) -> None:
    violations = axe_violations(page, page.context.axe_source)
    assert not violations, f"axe found violations on {page.url}:\n{report(violations)}"


@pytest.fixture(scope="module")
def axe_context(browser, stack, axe_source):
    # bypass_csp: axe is injected as an inline script, which a strict policy would rightly refuse.
    ctx = browser.new_context(base_url=stack.base_url, bypass_csp=True, locale="nl-NL")
    ctx.axe_source = axe_source
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def admin_context(browser, stack, axe_source):
    ctx = browser.new_context(base_url=stack.base_url, bypass_csp=True, locale="nl-NL")
    ctx.axe_source = axe_source
    ctx.set_default_timeout(10_000)
    page = ctx.new_page()
    page.goto("/beheer/inloggen")
    page.get_by_label("Gebruikersnaam").fill(stack.admin_user)
    page.get_by_label("Wachtwoord").fill(stack.admin_password)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).not_to_have_url("/beheer/inloggen")
    page.close()
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def group_event(picks) -> dict:
    """An event where one sign-up may take several seats: its form shows every field."""
    found = [e for e in picks.events if e["max_seats"] > 1]
    return found[0] if found else picks.events[0]


@pytest.fixture(scope="module")
def signed_up_event(picks) -> dict:
    return picks.event()


@pytest.fixture(scope="module")
def manage_url(axe_context, stack, signed_up_event) -> str:
    """A manage link from a real confirmation mail."""
    page = axe_context.new_page()
    page.goto(urls.signup_path(signed_up_event["slug"]))
    page.get_by_label("Naam", exact=True).fill("Fleur Axe")
    page.get_by_label("E-mailadres", exact=True).fill("fleur.axe@example.nl")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in je mail")
    page.close()
    return stack.mailbox.manage_link(stack.mailbox.wait_for("fleur.axe@example.nl"))


@pytest.fixture
def axe_page(axe_context):
    page = axe_context.new_page()
    yield page
    page.close()


def goto_existing(page, path: str) -> None:
    """Open an app page that other engineers may still be building; skip while it is absent."""
    response = page.goto(path)
    if response is not None and response.status == 404:
        pytest.skip(f"{path} is not in the app yet")


@pytest.mark.parametrize("page_type", STATIC_PAGE_TYPES)
def test_site_page_has_no_wcag_violations(axe_page, site_pages, page_type):
    axe_page.goto(site_pages[page_type])
    assert_no_violations(axe_page)


def test_the_cancelled_event_page_has_no_wcag_violations(axe_page, picks):
    events = json.loads((picks.output / "events.json").read_text(encoding="utf-8"))["events"]
    cancelled = [e for e in events if e["status"] == "cancelled"]
    if not cancelled:
        pytest.skip("no cancelled event in the content right now")
    axe_page.goto(cancelled[0]["path"])
    assert_no_violations(axe_page)


@pytest.mark.parametrize("page_type", ["home", "event"])
def test_site_page_on_a_phone_has_no_wcag_violations(axe_page, site_pages, page_type):
    axe_page.set_viewport_size(PHONE)
    axe_page.goto(site_pages[page_type])
    assert_no_violations(axe_page)


def test_search_page_with_results_has_no_wcag_violations(axe_page):
    axe_page.goto(urls.search_path())
    axe_page.get_by_role("textbox", name="Zoek op deze site").fill("stage")
    axe_page.locator(".pagefind-ui__result-link").first.wait_for()
    assert_no_violations(axe_page)


def test_event_page_with_live_seats_has_no_wcag_violations(axe_page, picks):
    axe_page.goto(picks.events[0]["path"])
    expect(axe_page.locator("p.seats-live")).to_be_visible()
    assert_no_violations(axe_page)


def test_signup_form_has_no_wcag_violations(axe_page, group_event):
    axe_page.goto(urls.signup_path(group_event["slug"]))
    assert_no_violations(axe_page)


def test_signup_form_showing_errors_has_no_wcag_violations(axe_page, group_event):
    axe_page.goto(urls.signup_path(group_event["slug"]))
    axe_page.get_by_role("button", name="Aanmelden").click()
    expect(axe_page.get_by_role("heading", name="Controleer je gegevens")).to_be_visible()
    assert_no_violations(axe_page)


def test_signup_confirmation_page_has_no_wcag_violations(axe_page, group_event):
    axe_page.goto(urls.signup_path(group_event["slug"]))
    axe_page.get_by_label("Naam", exact=True).fill("Docent Axe")
    axe_page.get_by_label("E-mailadres", exact=True).fill("docent.axe@example.nl")
    if group_event["max_seats"] > 1:
        axe_page.get_by_label("Aantal plaatsen", exact=False).fill("2")
        axe_page.get_by_label("Naam van de school", exact=False).fill("Montessori Lyceum")
    axe_page.get_by_role("button", name="Aanmelden").click()
    expect(axe_page.get_by_role("heading", level=1)).to_have_text("Kijk in je mail")
    assert_no_violations(axe_page)


def test_manage_page_has_no_wcag_violations(axe_page, manage_url):
    axe_page.goto(manage_url)
    expect(axe_page.get_by_role("heading", level=1)).to_have_text("Mijn aanmeldingen")
    assert_no_violations(axe_page)


def test_send_link_page_has_no_wcag_violations(axe_page):
    axe_page.goto(urls.send_link_path())
    expect(axe_page.get_by_role("heading", level=1)).to_have_text("Stuur mijn link opnieuw")
    assert_no_violations(axe_page)


def test_cancel_confirmation_page_has_no_wcag_violations(axe_page, manage_url):
    axe_page.goto(manage_url + "/annuleren")
    expect(axe_page.get_by_role("heading", level=1)).to_have_text("Aanmelding annuleren")
    assert_no_violations(axe_page)


def test_erase_my_data_confirmation_page_has_no_wcag_violations(axe_page, manage_url):
    goto_existing(axe_page, manage_url + "/verwijderen")
    expect(axe_page.get_by_role("heading", level=1)).to_have_text("Al je gegevens verwijderen")
    assert_no_violations(axe_page)


def test_admin_login_has_no_wcag_violations(axe_page):
    axe_page.goto("/beheer/inloggen")
    assert_no_violations(axe_page)


def test_admin_login_with_a_wrong_password_has_no_wcag_violations(axe_page):
    axe_page.goto("/beheer/inloggen")
    axe_page.get_by_label("Gebruikersnaam").fill("beheerder")
    axe_page.get_by_label("Wachtwoord").fill("fout")
    axe_page.get_by_role("button", name="Inloggen").click()
    assert_no_violations(axe_page)


ADMIN_PAGES = {
    "events overview": "/beheer/",
    "event registrations": "/beheer/evenementen/{slug}/",
    "check-in": "/beheer/evenementen/{slug}/aanwezigheid",
    "audit log": "/beheer/logboek",
    "reach dashboard": "/beheer/bereik",
    "website statistics": "/beheer/website",
    "offer moderation": "/beheer/stages/",
}


@pytest.mark.parametrize("path", ADMIN_PAGES.values(), ids=ADMIN_PAGES.keys())
def test_admin_page_has_no_wcag_violations(admin_context, manage_url, signed_up_event, path):
    # manage_url: the event has a registration, so the lists and check-in show a row.
    path = path.format(slug=signed_up_event["slug"])
    page = admin_context.new_page()
    try:
        goto_existing(page, path)
        assert "/beheer/inloggen" not in page.url, "the admin session was lost"
        assert_no_violations(page)
    finally:
        page.close()


DOE_MEE_FORMS = {"internship offer form": "/doe-mee/stage-aanbieden", "idea form": "/doe-mee/idee"}


@pytest.mark.parametrize("path", DOE_MEE_FORMS.values(), ids=DOE_MEE_FORMS.keys())
def test_doe_mee_form_has_no_wcag_violations(axe_page, path):
    goto_existing(axe_page, path)
    assert_no_violations(axe_page)


@pytest.mark.parametrize("path", DOE_MEE_FORMS.values(), ids=DOE_MEE_FORMS.keys())
def test_doe_mee_form_showing_errors_has_no_wcag_violations(axe_page, path):
    goto_existing(axe_page, path)
    axe_page.locator("main form[method=post] [type=submit]").last.click()
    axe_page.wait_for_load_state()
    assert axe_page.locator(".error-summary, .field-error").count() > 0, "submitting the empty form showed no errors"
    assert_no_violations(axe_page)


def test_the_axe_check_itself_reports_a_field_without_a_label(axe_page):
    # Guards the harness: were axe not injected or the tags wrong, every test above would pass silently.
    axe_page.goto(urls.page_path("contact"))
    axe_page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text id=unlabelled>')")
    violations = axe_violations(axe_page, axe_page.context.axe_source)
    assert [v["id"] for v in violations] == ["label"], report(violations)
    assert "#unlabelled" in report(violations)
