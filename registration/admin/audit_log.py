"""Admin area audit log: who looked at, exported or changed registrant data, newest first."""

from __future__ import annotations

from flask import Blueprint, render_template

from leerstad.urls import admin_audit_log_path, in_admin
from registration.admin import audit
from registration.extensions import get_db
from registration.forms import ActionForm

bp = Blueprint("audit_log", __name__)


@bp.get(in_admin(admin_audit_log_path()))
def index():
    return render_template("admin/audit.html", entries=audit.recent(get_db()), form=ActionForm())
