"""The machinery that turns the chapters into a site: which chapters there are, the cache, running
a notebook with papermill, Sphinx, publishing, reruns and the seminar exports.

The analyses (``spacerace.data``, ``spacerace.costs``, ``spacerace.charts`` ...) never import this
package; the command line (:mod:`spacerace.cli`) sits on top of both.
"""
