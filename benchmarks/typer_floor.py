"""A second baseline: the smallest Typer app, one command with one option. Typer 0.29
checks every option with a Pydantic TypeAdapter, so running any Typer command imports
Pydantic's schema machinery; this is the start-up no Typer CLI can go below."""

from typing import Annotated

import typer

app = typer.Typer()


@app.command()
def hello(dept: Annotated[list[str] | None, typer.Option()] = None) -> None:
    print(dept)


@app.command()
def other() -> None:
    """A second command, so that Typer dispatches on the name as tracker does."""


if __name__ == "__main__":
    app()
