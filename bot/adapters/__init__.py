"""Channel adapters: each turns one platform's payloads into `IncomingMessage`s and sends `Reply`s."""
