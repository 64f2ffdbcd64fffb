"""tracker: follow up the obstacles communes raise and the action plans they owe."""

__version__ = "0.1.0"
