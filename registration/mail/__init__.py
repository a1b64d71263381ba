"""Mail: composing the Dutch messages, the outbox table, and sending it over SMTP."""
