"""buurtdata: CBS neighbourhood statistics and lived knowledge, per buurt.

Importing the package stays fast: it loads no Altair, Jupyter or
great-expectations; those load only in the modules that use them.
"""

from buurtdata._errors import BuurtdataError

__version__ = "0.1.0"
__all__ = ["BuurtdataError", "__version__"]
