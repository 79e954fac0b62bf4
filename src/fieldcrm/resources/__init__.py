"""Package data of the GUI: translations (.ts sources), the style sheet; read through importlib.resources."""
