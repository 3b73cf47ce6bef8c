"""The desktop interface (PySide6). Only this package imports Qt."""
