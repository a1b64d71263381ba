"""Command-line tasks for admin accounts: `flask --app registration users create|list`."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from registration import clock
from registration.admin import accounts
from registration.extensions import get_db

users = AppGroup("users", help="Beheerders van /beheer/.")


@users.command("create")
@click.argument("username")
@click.option("--password", help="Laat weg om het veilig te laten vragen.")
def create_user(username: str, password: str | None) -> None:
    """Create an admin account."""
    if password is None:
        password = click.prompt("Wachtwoord", hide_input=True, confirmation_prompt="Nog een keer")
    try:
        accounts.create_admin(get_db(), username, password, now=clock.now())
    except accounts.AccountError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Beheerder '{username}' aangemaakt.")


@users.command("list")
def list_users() -> None:
    """List admin accounts."""
    for name in accounts.usernames(get_db()):
        click.echo(name)



def init_app(app: Flask) -> None:
    app.cli.add_command(users)
