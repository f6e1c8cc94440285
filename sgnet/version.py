"""The version of sgnet, said once: the package's ``__version__``, pyproject's, every report's."""

__all__ = ["__version__"]

__version__ = "0.1.0"
