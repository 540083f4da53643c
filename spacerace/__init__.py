"""The shared logic of *The New Space Race*, a book of reproducible analyses.

The notebooks in ``book/`` import this package for everything that is plumbing rather than
analysis: loading and validating the datasets (:mod:`spacerace.data`), converting money
(:mod:`spacerace.money`), the shared chart theme (:mod:`spacerace.charts`), notebook parameters
(:mod:`spacerace.params`) and the build pipeline (:mod:`spacerace.build`).
"""

__version__ = "0.1.0"
