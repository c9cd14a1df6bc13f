"""The pipeline steps. Each is a small class: `handle(message, context) -> Reply | None`.

Handlers decide what to answer; they never send, never import adapters and never
write to storage (the app does that with what the `Reply` describes). Their order is
one explicit list in `bot/app.py` (`build_handlers`).
"""
