"""The notification objects: the envelope (base.py) and the payloads."""
