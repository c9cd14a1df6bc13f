"""Kiezbot: a self-hosted FAQ chat-bot for neighbourhood centres and other social organisations.

Data flows one way: channel adapter → `IncomingMessage` → pipeline of handlers →
`Reply` → adapter. `bot.app` is the one place that wires adapters and handlers.
"""

__version__ = "0.1.0"
