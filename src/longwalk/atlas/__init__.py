"""atlas layer: the grid, built-in terrain/water/places data, user DEMs (see docs/architecture.md, docs/atlas.md).

Climate, weather, sun and ice live in their own modules (``longwalk.atlas.climate`` etc.) and are not imported
here, so ``import longwalk.atlas`` stays light.
"""

from longwalk.atlas.build import WAY_BACK_REGION, Atlas, atlas_cache_dir, build_atlas, load_atlas
from longwalk.atlas.grid import NATIVE_RESOLUTION, Grid, check_lat_lon, check_region
from longwalk.atlas.places import Place, Places, builtin_places

__all__ = [
    "NATIVE_RESOLUTION",
    "WAY_BACK_REGION",
    "Atlas",
    "Grid",
    "Place",
    "Places",
    "atlas_cache_dir",
    "build_atlas",
    "builtin_places",
    "check_lat_lon",
    "check_region",
    "load_atlas",
]
