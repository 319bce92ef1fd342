"""kg's graph viewer: one offline HTML file, drawn on a canvas (Canvas 2D).

Python lays the graph out and packs the data (`layout`, `payload`); the
browser only draws, searches and filters (`js/src`). See `page` for how the
JavaScript bundle gets into the page.
"""

from kg.export.viewer.page import ViewerBundleMissing, bundle_path, render_page, write_page

__all__ = ["ViewerBundleMissing", "bundle_path", "render_page", "write_page"]
