"""The window: widgets, docks, hotkeys and theme. Only this package imports QtWidgets."""
