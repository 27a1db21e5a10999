"""Reading TopoJSON (the format of the vendored Natural Earth and Census shapes).

One decoder for the map (:mod:`geomap.render`) and the scripts in ``tools/`` that
build the vendored labels and admin-1 shapes.
"""

from __future__ import annotations

from typing import Any


def decode_arcs(topo: dict[str, Any], digits: int | None = None) -> list[list[list[float]]]:
    """The arcs of a TopoJSON topology as lists of ``[x, y]`` (longitude, latitude),
    delta-decoded and scaled when the topology is quantised; rounded to ``digits``
    decimals when given.

    >>> decode_arcs({"transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    ...              "arcs": [[[0, 0], [2, 4], [1, -2]]]})
    [[[10.0, 20.0], [11.0, 22.0], [11.5, 21.0]]]
    """
    transform = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            pts = []
            for dx, dy in arc:
                x += dx
                y += dy
                pts.append([x * sx + tx, y * sy + ty])
        else:
            pts = [[float(p[0]), float(p[1])] for p in arc]
        if digits is not None:
            pts = [[round(px, digits), round(py, digits)] for px, py in pts]
        arcs.append(pts)
    return arcs


def ring(arcs: list[list[list[float]]], indexes: list[int]) -> list[list[float]]:
    """The points of a ring made of the arcs ``indexes`` (``~i``: arc ``i`` reversed),
    each shared end point once."""
    out: list[list[float]] = []
    for i in indexes:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts if not out else pts[1:])
    return out


def unwrap(points: list[list[float]]) -> list[list[float]]:
    """A ring's points with each longitude moved by whole turns to within 180 degrees of
    the one before, so a ring crossing the antimeridian stays in one piece.

    >>> unwrap([[179.0, 0.0], [-179.0, 1.0], [-178.0, 0.0]])
    [[179.0, 0.0], [181.0, 1.0], [182.0, 0.0]]
    """
    out = [list(points[0])]
    for lon, lat in points[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while prev - lon > 180:
            lon += 360
        out.append([lon, lat])
    return out
