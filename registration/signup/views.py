"""Sign-up blueprint: the form page at /aanmelden/<slug>, the "kijk in je mail" page, and "stuur mijn link opnieuw"."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, session, url_for

from leerstad import privacy, urls
from leerstad.model import Event
from registration import clock
from registration.extensions import get_catalogue, get_db, get_mailer, limiter, signup_limit
from registration.mail.sending import send_soon
from registration.signup import rules as signups
from registration.signup.forms import SendLinkForm, SignupForm
from registration.stats import rules as stats
from registration.stats.views import record_step

bp = Blueprint("signup", __name__)

STATE_STATUS = {
    signups.RegistrationState.UNKNOWN: 404,
    signups.RegistrationState.CANCELLED: 410,
    signups.RegistrationState.PAST: 410,
    signups.RegistrationState.STARTED: 403,
    signups.RegistrationState.CLOSED: 403,
    signups.RegistrationState.NOT_NEEDED: 403,
}


def _open_event_or_page(slug: str) -> Event | tuple[str, int]:
    event = get_catalogue().event(slug)
    state = signups.registration_state(event, clock.now())
    if state is signups.RegistrationState.OPEN:
        return event
    if state is signups.RegistrationState.UNKNOWN:
        abort(404)
    return render_template("signup/unavailable.html", event=event, state=state.value), STATE_STATUS[state]


@bp.route(urls.signup_path("<slug>"), methods=["GET", "POST"])
@limiter.limit(signup_limit, methods=["POST"])
def form(slug: str):
    found = _open_event_or_page(slug)
    if not isinstance(found, Event):
        return found
    event = found
    form = SignupForm(event)
    notice = privacy.SIGNUP_NOTICE.format(days=current_app.config["RETENTION_DAYS"])
    if form.is_submitted():
        if form.homepage.data:
            # Pretend it worked so the bot learns nothing; store nothing, send nothing.
            session["signup_result"] = {"slug": slug, "email": form.email.data or ""}
            return redirect(url_for("signup.received", slug=slug))
        if form.validate():
            if form.misfits() and not form.passed_warning():
                # The warning step: say why it may not fit, and let them go on ("Toch aanmelden").
                return render_template("signup/form.html", event=event, form=form, signup_notice=notice,
                                       full=_is_full(event), misfits=form.misfits())
            result = signups.sign_up(
                get_db(), event, form.applicant(), mailer=get_mailer(), now=clock.now()
            )
            send_soon(result.outbox_ids)
            record_step(event, stats.SIGNED_UP)
            # Only what was typed: the page is the same for a new and a known address (seat, waiting
            # list or already registered), so it tells a stranger nothing; the mail tells the owner.
            session["signup_result"] = {"slug": slug, "email": form.applicant().email}
            return redirect(url_for("signup.received", slug=slug))
        return render_template("signup/form.html", event=event, form=form, signup_notice=notice, full=_is_full(event)), 422
    record_step(event, stats.FORM_OPENED)
    return render_template("signup/form.html", event=event, form=form, signup_notice=notice, full=_is_full(event))


def _is_full(event: Event) -> bool:
    """Whether a sign-up of one seat now goes onto the waiting list: the form says so before it is filled in."""
    return signups.seats_taken(get_db(), event.slug) >= (event.capacity or 0)


@bp.get(urls.signup_received_path("<slug>"))
def received(slug: str):
    event = get_catalogue().event(slug)
    result = session.get("signup_result")
    if event is None or not result or result.get("slug") != slug:
        return redirect(url_for("signup.form", slug=slug))
    return render_template("signup/received.html", event=event, result=result)


@bp.route(urls.send_link_path(), methods=["GET", "POST"])
@limiter.limit(signup_limit, methods=["POST"])
def send_link():
    form = SendLinkForm()
    if form.is_submitted():
        if form.homepage.data:
            return redirect(url_for("signup.send_link_sent"))
        if form.validate():
            # The same answer whether or not the address is known, so the form tells nobody who signed up.
            send_soon(signups.send_personal_link(get_db(), form.normalised_email or form.email.data, mailer=get_mailer(),
                                                 now=clock.now()))
            session["send_link_email"] = form.email.data
            return redirect(url_for("signup.send_link_sent"))
        return render_template("signup/send_link.html", form=form), 422
    return render_template("signup/send_link.html", form=form)


@bp.get(urls.send_link_sent_path())
def send_link_sent():
    return render_template("signup/send_link_sent.html", email=session.get("send_link_email"))
