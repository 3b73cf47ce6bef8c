"""Small single-purpose helpers; nothing here imports the rest of ``reader``."""
