/* geomap's map page.
 *
 * The page carries its data as JSON in script elements of type
 * application/json (written by geomap/render.py). Every document-derived string reaches the DOM
 * through textContent or a DOM property (title, href after a protocol check,
 * dataset), never through innerHTML; a Content-Security-Policy with a nonce
 * backs that up.
 *
 * The filters below mirror geomap.export.iter_features rule for rule, and the
 * "Download GeoJSON" button rebuilds each feature's properties in the order of
 * geomap.export.PROPERTIES, so the download equals `geomap export` for the
 * same filter.
 */
(function () {
  "use strict";

  const readJSON = (id) => JSON.parse(document.getElementById(id).textContent);
  const CFG = readJSON("geomap-config");
  const timings = {start: performance.now()};
  const DATA = readJSON("geomap-data");
  timings.data = performance.now();
  const S = DATA.strings;
  const D = DATA.docs;
  const P = DATA.places;
  const F = DATA.features;
  const N = F.kind.length;
  const NDOCS = D.doc_id.length;
  // Layer name -> colour, derived from the name (render.layer_colours); sources and actors apart.
  const SOURCE_COLOURS = new Map(CFG.colours.sources);
  const ACTOR_COLOURS = new Map(CFG.colours.actors);
  const FEATURE_WORDS = CFG.featureWords || {};
  const MAX_POPUP_ITEMS = 25;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function layerColour(colours, name) {
    const c = colours.get(String(name));
    return c === undefined ? "#777777" : c;
  }

  /** "1 mention", "2 mentions": a count with its noun, singular or plural. */
  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many || one + "s");
  }

  /** A GeoNames feature code in words ("PCLI" -> "country"), else the code itself. */
  function featureWords(code) {
    if (code === null || code === undefined || code === "") return null;
    const c = String(code);
    return Object.prototype.hasOwnProperty.call(FEATURE_WORDS, c) ? FEATURE_WORDS[c] : c;
  }

  // ------------------------------------------------------------ features

  function props(i) {
    const out = {};
    for (const [name, where, interned] of DATA.layout) {
      let v;
      if (where === "d") v = D[name][F.doc[i]];
      else if (where === "p") v = P[name][F.place[i]];
      else v = F[name][i];
      // 2: JSON text in the string table (render._LAYOUT), the lists of reasons and runner-ups
      out[name] = interned === 2 ? (S[v] === null || S[v] === undefined ? null : JSON.parse(S[v])) : interned ? S[v] : v;
    }
    return out;
  }

  function feature(i) {
    const p = props(i);
    return {type: "Feature", geometry: {type: "Point", coordinates: [p.lon, p.lat]}, properties: p};
  }

  // Source layer of each document: its source, or the document itself (export.layer_of).
  const sourceIndex = new Map();
  const SOURCES = [];
  const docLayer = new Int32Array(NDOCS);
  for (let d = 0; d < NDOCS; d++) {
    const source = S[D.source[d]];
    const docId = S[D.doc_id[d]];
    const key = source ? String(source) : String(docId);
    let s = sourceIndex.get(key);
    if (s === undefined) {
      const title = S[D.title[d]];
      const label = source ? String(source) : title ? String(title) : String(docId);
      s = SOURCES.length;
      sourceIndex.set(key, s);
      SOURCES.push({key: key, label: label, docId: source ? null : String(docId), total: 0});
    }
    docLayer[d] = s;
  }

  // Actors: entry 0 is "no actor" (plain place mentions, actor null in the export).
  const ACTORS = [{key: null, label: "Place mentions (no actor)", total: 0}];
  const actorIndex = new Map();
  const srcOf = new Int32Array(N);
  const actOf = new Int32Array(N);
  const isEvent = new Uint8Array(N);
  const conf = new Float64Array(N);
  // 0: needs review (geomap.models.needs_review, exported as needs_review), 1: settled.
  const reviewOf = new Uint8Array(N);
  const reviewTotals = [0, 0];
  const dateOf = new Array(N);
  // Dates as render.py read them (geomap.dates.parse_date): string index -> "YYYY[-MM[-DD]]".
  // A date that is no date is absent: undated here, never shown as "Invalid Date".
  const WHEN = new Map(DATA.when || []);
  // Each dated feature's period in UTC days: "2015" is the whole year, "2015-10" the month.
  const dayFrom = new Float64Array(N);
  const dayTo = new Float64Array(N);
  let anyDate = false;
  let minDay = Infinity;
  let maxDay = -Infinity;
  function isoDays(iso) {
    const y = Number(iso.slice(0, 4));
    const m = iso.length >= 7 ? Number(iso.slice(5, 7)) : null;
    const d = iso.length >= 10 ? Number(iso.slice(8, 10)) : null;
    const a = Date.UTC(y, m === null ? 0 : m - 1, d === null ? 1 : d) / 864e5;
    const b = d !== null ? a : m !== null ? Date.UTC(y, m, 1) / 864e5 - 1 : Date.UTC(y + 1, 0, 1) / 864e5 - 1;
    return [a, b];
  }
  function dayIso(day) {
    return new Date(day * 864e5).toISOString().slice(0, 10);
  }
  for (let i = 0; i < N; i++) {
    srcOf[i] = docLayer[F.doc[i]];
    SOURCES[srcOf[i]].total++;
    isEvent[i] = S[F.kind[i]] === "event" ? 1 : 0;
    const actor = S[F.actor[i]];
    if (actor === null || actor === undefined) {
      actOf[i] = 0;
    } else {
      let a = actorIndex.get(actor);
      if (a === undefined) {
        a = ACTORS.length;
        actorIndex.set(actor, a);
        ACTORS.push({key: actor, label: String(actor), total: 0});
      }
      actOf[i] = a;
    }
    ACTORS[actOf[i]].total++;
    conf[i] = F.confidence[i] || 0;
    reviewOf[i] = F.needs_review[i] === true ? 0 : 1;
    reviewTotals[reviewOf[i]]++;
    const iso = WHEN.get(F.date[i]);
    dateOf[i] = iso === undefined ? null : iso;
    if (dateOf[i]) {
      anyDate = true;
      const [a, b] = isoDays(dateOf[i]);
      dayFrom[i] = a;
      dayTo[i] = b;
      if (a < minDay) minDay = a;
      if (b > maxDay) maxDay = b;
    }
  }
  timings.index = performance.now();
  const hasEvents = ACTORS.length > 1;
  const sourceOrder = SOURCES.map((_, i) => i).sort(
    (a, b) => SOURCES[b].total - SOURCES[a].total || (SOURCES[a].key < SOURCES[b].key ? -1 : 1)
  );
  // Colours come from the layer's name (render.layer_colours): the same on every map.
  for (const s of SOURCES) s.color = layerColour(SOURCE_COLOURS, s.key);
  ACTORS.forEach((a, i) => { a.color = i === 0 ? CFG.noActorColour : layerColour(ACTOR_COLOURS, a.label); });

  let haystack = null; // lower-cased search text per feature, built on the first search
  function hay(i) {
    if (haystack === null) haystack = new Array(N);
    let h = haystack[i];
    if (h === undefined) {
      const p = props(i);
      // "\u0000" between fields: a search never matches across two of them (export._matches).
      h = CFG.searchFields.map((f) => (p[f] === null || p[f] === undefined ? "" : String(p[f]).toLowerCase())).join("\u0000");
      haystack[i] = h;
    }
    return h;
  }

  // ------------------------------------------------------------ filter state

  const state = {
    sources: new Uint8Array(SOURCES.length).fill(1),
    actors: new Uint8Array(ACTORS.length).fill(1),
    minConfidence: 0,
    review: new Uint8Array(2).fill(1), // [mentions needing review, settled] shown
    query: "",
    dateFrom: "",
    dateTo: "",
  };
  let visible = [];
  let sourceCounts = new Int32Array(SOURCES.length);
  let sourceEvents = new Int32Array(SOURCES.length);
  let actorCounts = new Int32Array(ACTORS.length);
  let reviewCounts = new Int32Array(2);

  function dateIn(i) {
    const d = dateOf[i];
    if (!d) return false;
    return (!state.dateFrom || d + "~" >= state.dateFrom) && (!state.dateTo || d <= state.dateTo);
  }

  // ------------------------------------------------------------ time bins

  // Years, months or days, whichever gives a readable number of bars for the dates' span.
  const BINS = [];
  let binUnit = null;
  if (anyDate) {
    const span = maxDay - minDay + 1;
    binUnit = span > 4 * 366 ? "year" : span > 92 ? "month" : "day";
    const first = new Date(minDay * 864e5);
    let y = first.getUTCFullYear();
    let m = first.getUTCMonth();
    let step = 1;
    if (binUnit === "year") step = Math.max(1, Math.ceil(span / 366 / 60));
    if (binUnit === "year") y -= y % step;
    let day = minDay;
    for (let guard = 0; guard < 400; guard++) {
      let a;
      let b;
      let label;
      if (binUnit === "year") {
        a = Date.UTC(y, 0, 1) / 864e5;
        b = Date.UTC(y + step, 0, 1) / 864e5 - 1;
        label = step === 1 ? String(y) : y + "\u2013" + (y + step - 1);
        y += step;
      } else if (binUnit === "month") {
        a = Date.UTC(y, m, 1) / 864e5;
        b = Date.UTC(y, m + 1, 1) / 864e5 - 1;
        label = dayIso(a).slice(0, 7);
        m += 1;
        if (m === 12) { m = 0; y += 1; }
      } else {
        a = b = day;
        label = dayIso(a);
        day += 1;
      }
      BINS.push({from: a, to: b, label: label, count: 0});
      if (b >= maxDay) break;
    }
  }
  const binCounts = new Float64Array(BINS.length);
  function binOf(day) { // the last bin starting on or before day
    let lo = 0;
    let hi = BINS.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (BINS[mid].from <= day) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  // A feature counts in each bar its period overlaps, shared by the days in each.
  function countInBins(i) {
    const a = dayFrom[i];
    const b = dayTo[i];
    const len = b - a + 1;
    for (let k = binOf(a); k < BINS.length && BINS[k].from <= b; k++) {
      const overlap = Math.min(b, BINS[k].to) - Math.max(a, BINS[k].from) + 1;
      if (overlap > 0) binCounts[k] += overlap / len;
    }
  }

  function recompute() {
    const needle = state.query ? state.query.toLowerCase() : "";
    const dated = Boolean(state.dateFrom || state.dateTo);
    binCounts.fill(0);
    sourceCounts = new Int32Array(SOURCES.length);
    sourceEvents = new Int32Array(SOURCES.length);
    actorCounts = new Int32Array(ACTORS.length);
    reviewCounts = new Int32Array(2);
    const out = [];
    for (let i = 0; i < N; i++) {
      if (conf[i] < state.minConfidence) continue;
      if (needle && !hay(i).includes(needle)) continue;
      const s = srcOf[i];
      const a = actOf[i];
      const sOk = state.sources[s] === 1;
      const aOk = state.actors[a] === 1;
      const rOk = state.review[reviewOf[i]] === 1;
      // The histogram shows every other filter, so the range can be chosen in it.
      if (sOk && aOk && rOk && dateOf[i]) countInBins(i);
      if (dated && !dateIn(i)) continue;
      // Facet counts: what each source (actor, review state) would show under every other filter.
      if (aOk && rOk) {
        sourceCounts[s]++;
        sourceEvents[s] += isEvent[i];
      }
      if (sOk && rOk) actorCounts[a]++;
      if (sOk && aOk) reviewCounts[reviewOf[i]]++;
      if (sOk && aOk && rOk) out.push(i);
    }
    visible = out;
  }

  /** The filter as geomap.export.iter_features keyword arguments (null = no filter). */
  function filterArgs() {
    const all = (flags) => flags.every((x) => x === 1);
    const r = state.review;
    return {
      // Neither review state ticked shows nothing: in export's terms, no source.
      sources: all(state.sources) && (r[0] || r[1]) ? null : SOURCES.filter((_, i) => state.sources[i] && (r[0] || r[1])).map((s) => s.key),
      actors: all(state.actors) ? null : ACTORS.filter((_, i) => state.actors[i]).map((a) => a.key),
      min_confidence: state.minConfidence || null,
      date_from: state.dateFrom || null,
      date_to: state.dateTo || null,
      query: state.query || null,
      needs_review: r[0] === r[1] ? null : r[0] === 1,
    };
  }

  function visibleFeatureCollection() {
    return {type: "FeatureCollection", features: visible.map(feature)};
  }

  function downloadGeoJSON() {
    const text = JSON.stringify(visibleFeatureCollection());
    const blob = new Blob([text], {type: "application/geo+json"});
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = "geomap.geojson";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // ------------------------------------------------------------ map and base layers

  // The offline basemap is vector data with no zoom limit of its own; markercluster needs one.
  const map = L.map("geomap-map", {zoomControl: true, worldCopyJump: true, minZoom: 1, maxZoom: 18});
  map.attributionControl.addAttribution("Places: GeoNames (CC BY 4.0)");
  map.createPane("geomap-basemap").style.zIndex = 150;

  const base = {};
  const naturalEarth = L.layerGroup([], {attribution: "Natural Earth (public domain)"});
  base[CFG.basemapName] = naturalEarth;
  // world-atlas is made for spherical (d3-geo) drawing: rings that cross the antimeridian
  // jump from 180 to -180, which Leaflet's flat projection draws as lines across the world.
  // Unwrap each ring's longitudes; a ring that then does not close (Antarctica) goes round
  // a pole, so close it along that pole.
  function unwrapRing(ring) {
    const out = [ring[0].slice()];
    for (let k = 1; k < ring.length; k++) {
      let lon = ring[k][0];
      const prev = out[k - 1][0];
      while (lon - prev > 180) lon -= 360;
      while (prev - lon > 180) lon += 360;
      out.push([lon, ring[k][1]]);
    }
    const first = out[0];
    const last = out[out.length - 1];
    if (Math.abs(last[0] - first[0]) > 180) {
      const pole = out.reduce((sum, c) => sum + c[1], 0) < 0 ? -89.9 : 89.9;
      out.push([last[0], pole], [first[0], pole], first.slice());
    }
    return out;
  }
  function unwrapGeometry(g) {
    if (!g) return;
    if (g.type === "Polygon") g.coordinates = g.coordinates.map(unwrapRing);
    else if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map((poly) => poly.map(unwrapRing));
  }
  const countryGeometry = new Map(); // ISO numeric id -> unwrapped geometry, for areas
  let countriesReady = []; // what waits for the country shapes (null once they are in)
  function addCountries(topo) {
    const countries = topojson.feature(topo, topo.objects.countries);
    for (const f of countries.features) {
      unwrapGeometry(f.geometry);
      if (f.id !== undefined) countryGeometry.set(String(f.id), f.geometry);
    }
    naturalEarth.addLayer(L.geoJSON(countries, {
      pane: "geomap-basemap",
      renderer: L.canvas({pane: "geomap-basemap", padding: 0.5}),
      interactive: false,
      style: {color: "#8c969e", weight: 0.6, fillColor: "#f4f1e8", fillOpacity: 1},
    }));
    const waiting = countriesReady;
    countriesReady = null;
    for (const done of waiting) done();
  }
  const notice = el("div", "geomap-notice");
  notice.hidden = true;
  function showNotice(text) {
    notice.textContent = text;
    notice.hidden = false;
  }
  if (CFG.basemapUrl) {
    fetch(CFG.basemapUrl)
      .then((r) => r.json())
      .then(addCountries)
      .catch(() => showNotice("The country basemap could not be loaded (offline?)."));
  } else {
    addCountries(readJSON("geomap-basemap"));
    timings.basemap = performance.now();
  }
  naturalEarth.on("add", () => map.getContainer().classList.add("geomap-ocean"));
  naturalEarth.on("remove", () => map.getContainer().classList.remove("geomap-ocean"));

  for (const t of CFG.tiles) {
    const layer = L.tileLayer(t.url, {attribution: t.attribution, subdomains: t.subdomains || "abc", maxZoom: t.maxZoom || 19});
    // Online tiles are optional: offline they fail, and the map says so once instead of breaking.
    let warned = false;
    layer.on("tileerror", () => {
      if (!warned) showNotice("Online tiles did not load (no network?). The Natural Earth base map works offline.");
      warned = true;
    });
    base[t.name] = layer;
  }
  naturalEarth.addTo(map);
  L.control.layers(base, null, {position: "topleft", collapsed: true}).addTo(map);
  L.control.scale({position: "bottomleft"}).addTo(map);

  // ------------------------------------------------------------ markers

  // A cluster is drawn as a ring of its markers' colours (sources and actors), weighted
  // by mentions, around the number of mentions it holds.
  function clusterIcon(cluster) {
    const children = cluster.getAllChildMarkers();
    const byColour = new Map();
    let mentions = 0;
    for (const m of children) {
      const n = m.options.geomapCount;
      mentions += n;
      const c = m.geomapGroup.color;
      byColour.set(c, (byColour.get(c) || 0) + n);
    }
    const stops = [];
    let at = 0;
    for (const [c, n] of [...byColour.entries()].sort((a, b) => b[1] - a[1])) {
      const next = at + (100 * n) / mentions;
      stops.push(c + " " + at.toFixed(2) + "% " + next.toFixed(2) + "%");
      at = next;
    }
    const d = Math.round(Math.min(60, 30 + 8 * Math.log10(mentions)));
    const box = el("div", "geomap-cluster");
    box.style.background = "conic-gradient(" + stops.join(", ") + ")";
    box.style.width = d + "px";
    box.style.height = d + "px";
    box.appendChild(el("span", null, mentions));
    box.dataset.markers = String(children.length);
    box.dataset.mentions = String(mentions);
    box.title = plural(mentions, "mention or event", "mentions and events") + " at " +
      plural(children.length, "marker") + " nearby; click to zoom in";
    return L.divIcon({html: box, className: "geomap-cluster-icon", iconSize: L.point(d, d)});
  }
  const cluster = L.markerClusterGroup({
    maxClusterRadius: 40,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: clusterIcon,
  });
  map.addLayer(cluster);

  const markerCache = new Map();

  function dotElement(group, d) {
    const dot = el("div", group.event ? "geomap-dot geomap-dot-event" : "geomap-dot");
    dot.style.background = group.color;
    dot.style.width = d + "px";
    dot.style.height = d + "px";
    dot.dataset.layer = group.layerKey === null ? "" : String(group.layerKey);
    dot.dataset.kind = group.event ? "event" : "mention";
    dot.dataset.count = String(group.idx.length);
    // Mentions that need review: a hollow dot when all do, a dashed outline when some do
    // (a shape, not a colour, so it reads for every kind of colour vision).
    if (group.review) {
      dot.classList.add(group.review === group.idx.length ? "geomap-dot-review" : "geomap-dot-review-some");
      if (group.review === group.idx.length) {
        dot.style.background = "#fff";
        dot.style.borderColor = group.color;
      }
    }
    dot.dataset.review = String(group.review);
    return dot;
  }
  // The dot is built only when Leaflet draws the marker: on a large map most markers sit
  // inside clusters and never need an element.
  const DotIcon = L.DivIcon.extend({
    createIcon: function (old) {
      this.options.html = dotElement(this.options.group, this.options.iconSize[0]);
      return L.DivIcon.prototype.createIcon.call(this, old);
    },
  });
  function dotIcon(group) {
    const d = Math.round(Math.min(44, 12 + 5 * Math.log2(group.idx.length)));
    return new DotIcon({className: "geomap-marker", iconSize: [d, d], group: group});
  }

  function buildGroups() {
    const groups = new Map();
    for (const i of visible) {
      const ev = isEvent[i] === 1;
      const layer = ev ? actOf[i] : srcOf[i];
      const key = (ev ? "e" : "m") + F.place[i] + ":" + layer;
      let g = groups.get(key);
      if (g === undefined) {
        g = {
          key: key,
          place: F.place[i],
          event: ev,
          layer: layer,
          layerKey: ev ? ACTORS[layer].key : SOURCES[layer].key,
          layerLabel: ev ? ACTORS[layer].label : SOURCES[layer].label,
          color: ev ? ACTORS[layer].color : SOURCES[layer].color,
          idx: [],
          review: 0,
        };
        groups.set(key, g);
      }
      g.idx.push(i);
      if (reviewOf[i] === 0) g.review++;
    }
    return groups;
  }

  function placeLabel(placeIdx) {
    const name = S[P.name[placeIdx]];
    return name === null || name === undefined ? "(unnamed place)" : String(name);
  }

  let shown = new Set(); // markerCache keys of the markers now in the cluster group

  function updateMarkers() {
    const groups = buildGroups();
    const layers = [];
    const added = [];
    const changed = [];
    for (const g of groups.values()) {
      let entry = markerCache.get(g.key);
      const n = g.idx.length;
      const title = placeLabel(g.place) + " \u2014 " + g.layerLabel + " (" + n +
        (g.review ? ", " + g.review + " to review" : "") + ")";
      if (entry === undefined) {
        const marker = L.marker([P.lat[g.place], P.lon[g.place]], {icon: dotIcon(g), title: title, alt: title, geomapCount: n});
        entry = {marker: marker, count: n, review: g.review};
        markerCache.set(g.key, entry);
      } else if (entry.count !== n || entry.review !== g.review) {
        entry.marker.options.geomapCount = n;
        entry.marker.options.title = title;
        entry.marker.geomapGroup = g; // the icon is drawn from it
        entry.marker.setIcon(dotIcon(g));
        entry.count = n;
        entry.review = g.review;
        if (shown.has(g.key)) changed.push(entry.marker);
      }
      entry.marker.geomapGroup = g;
      layers.push(entry.marker);
      if (!shown.has(g.key)) added.push(entry.marker);
    }
    const removed = [];
    for (const key of shown) if (!groups.has(key)) removed.push(markerCache.get(key).marker);
    // Re-clustering everything beats many single removals once much has changed.
    if (added.length + removed.length > layers.length / 2) {
      cluster.clearLayers();
      cluster.addLayers(layers);
    } else {
      if (removed.length) cluster.removeLayers(removed);
      if (added.length) cluster.addLayers(added);
      if (changed.length) cluster.refreshClusters(changed);
    }
    shown = new Set(groups.keys());
    return layers;
  }

  // ------------------------------------------------------------ labels

  // Names beside what the map shows: each marker, and each group by its most mentioned
  // place. The most mentioned go first and a label that would overlap one already placed is
  // left out, so zooming in (groups split, room grows) shows more.
  const labelPane = map.createPane("geomap-labels");
  labelPane.style.zIndex = 550; // above areas and the basemap, below markers and popups
  labelPane.style.pointerEvents = "none";
  const MAX_LABELS = 250;
  let labelsShown = [];
  // What each marker or group holds: its most mentioned place, how many others, its total.
  // Kept until the markers change (refresh), so panning only looks at what is in view.
  let holderInfo = new WeakMap();
  function infoOf(holder) {
    let h = holderInfo.get(holder);
    if (h === undefined) {
      const places = new Map();
      let total = 0;
      const members = holder instanceof L.MarkerCluster ? holder.getAllChildMarkers() : [holder];
      for (const m of members) {
        const g = m.geomapGroup;
        if (!g) continue;
        places.set(g.place, (places.get(g.place) || 0) + g.idx.length);
        total += g.idx.length;
      }
      let top = -1;
      let best = -1;
      for (const [place, n] of places) if (n > best) { best = n; top = place; }
      h = {top: top, more: places.size - 1, total: total};
      holderInfo.set(holder, h);
    }
    return h;
  }
  function drawLabels() {
    labelPane.textContent = "";
    labelsShown = [];
    const size = map.getSize();
    const items = [];
    // The markers and groups markercluster has on the map now (those near the view).
    for (const holder of cluster._featureGroup.getLayers()) {
      if (!holder.getLatLng) continue;
      const at = map.latLngToContainerPoint(holder.getLatLng());
      if (at.x < -50 || at.y < -20 || at.x > size.x + 50 || at.y > size.y + 20) continue;
      const h = infoOf(holder);
      if (h.top < 0) continue;
      const isGroup = holder instanceof L.MarkerCluster;
      const radius = isGroup ? Math.min(60, 30 + 8 * Math.log10(h.total)) / 2 : holder.options.icon.options.iconSize[0] / 2;
      items.push({holder, at, radius, total: h.total, name: placeLabel(h.top), more: h.more, place: h.top});
    }
    items.sort((a, b) => b.total - a.total);
    // Markers and groups are obstacles too: a label never covers another one's icon, nor
    // the panel or the reader.
    const boxes = items.map((it) => [it.at.x - it.radius, it.at.y - it.radius, it.at.x + it.radius, it.at.y + it.radius]);
    const mapBox = map.getContainer().getBoundingClientRect();
    const covers = [];
    for (const node of [panel, reader]) {
      if (node.hidden || !node.isConnected) continue;
      const r = node.getBoundingClientRect();
      if (r.width > 0) covers.push([r.left - mapBox.left, r.top - mapBox.top, r.right - mapBox.left, r.bottom - mapBox.top]);
    }
    const overlaps = (b, o) => b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3];
    const hit = (b) => labelsShown.some((l) => overlaps(b, l.box)) || covers.some((o) => overlaps(b, o));
    const frag = document.createDocumentFragment();
    for (let k = 0; k < items.length && labelsShown.length < MAX_LABELS; k++) {
      const it = items[k];
      const text = it.name + (it.more > 0 ? " +" + it.more : "");
      const w = 7 * text.length + 8;
      const h = 16;
      // Right of the icon, else left, above or below: the first spot that is free.
      const spots = [
        [it.at.x + it.radius + 2, it.at.y - h / 2],
        [it.at.x - it.radius - 2 - w, it.at.y - h / 2],
        [it.at.x - w / 2, it.at.y - it.radius - 1 - h],
        [it.at.x - w / 2, it.at.y + it.radius + 1],
      ];
      let box = null;
      for (const [sx, sy] of spots) {
        const b = [sx, sy, sx + w, sy + h];
        if (b[0] < 0 || b[1] < 0 || b[2] > size.x || b[3] > size.y) continue;
        if (hit(b)) continue;
        if (boxes.some((o, j) => j !== k && b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3])) continue;
        box = b;
        break;
      }
      if (box === null) continue;
      const x = box[0];
      const y = box[1];
      const label = el("div", "geomap-label", text);
      label.dataset.place = String(it.place);
      if (it.more > 0) label.title = it.name + " and " + plural(it.more, "other place");
      const pos = map.containerPointToLayerPoint(L.point(x, y));
      L.DomUtil.setPosition(label, pos);
      frag.appendChild(label);
      labelsShown.push({box: box, text: text, place: it.place, kind: "place"});
    }
    if (map.hasLayer(naturalEarth)) drawBasemapLabels(frag, size, hit, boxes, overlaps);
    labelPane.appendChild(frag);
  }

  // The offline basemap's own names: countries, capitals and large cities, more as you zoom,
  // after the mapped places and never over them.
  const BASE_LABELS = document.getElementById("geomap-basemap-labels") ? readJSON("geomap-basemap-labels").rows : [];
  function baseLabelMinZoom(kind, rank) {
    if (kind === "country") return rank >= 100 ? 2 : rank >= 10 ? 3 : rank >= 1 ? 4 : 5;
    if (kind === "capital") return rank >= 5e6 ? 3 : 4;
    return rank >= 5e6 ? 4 : rank >= 1e6 ? 5 : 6;
  }
  function drawBasemapLabels(frag, size, hit, boxes, overlaps) {
    const zoom = map.getZoom();
    const bounds = map.getBounds().pad(0.05);
    let n = 0;
    for (const [name, lat, lon, kind, rank] of BASE_LABELS) {
      if (n >= 120) break;
      if (zoom < baseLabelMinZoom(kind, rank)) continue;
      let ll = L.latLng(lat, lon);
      if (!bounds.contains(ll)) {
        // the world repeats east and west: try the copy in view
        const shifted = [L.latLng(lat, lon + 360), L.latLng(lat, lon - 360)].find((x) => bounds.contains(x));
        if (!shifted) continue;
        ll = shifted;
      }
      const at = map.latLngToContainerPoint(ll);
      const country = kind === "country";
      const text = country ? String(name).toUpperCase() : String(name);
      const w = (country ? 7.5 : 6.5) * text.length + 6;
      const h = country ? 14 : 13;
      const x = country ? at.x - w / 2 : at.x + 4;
      const y = country ? at.y - h / 2 : at.y - h / 2;
      const box = [x, y, x + w, y + h];
      if (box[0] < 0 || box[1] < 0 || box[2] > size.x || box[3] > size.y) continue;
      if (hit(box) || boxes.some((o) => overlaps(box, o))) continue;
      const label = el("div", "geomap-base-label geomap-base-" + kind, text);
      L.DomUtil.setPosition(label, map.containerPointToLayerPoint(L.point(x, y)));
      frag.appendChild(label);
      labelsShown.push({box: box, text: text, kind: kind});
      n++;
    }
  }
  let labelTimer = null;
  function drawLabelsSoon() {
    if (labelTimer !== null) clearTimeout(labelTimer);
    labelTimer = setTimeout(() => { labelTimer = null; drawLabels(); }, 60);
  }
  map.on("zoomstart", () => { labelPane.style.visibility = "hidden"; });
  map.on("zoomend", () => { labelPane.style.visibility = ""; });
  map.on("moveend", drawLabelsSoon);
  cluster.on("animationend", drawLabelsSoon);

  // ------------------------------------------------------------ popup

  // One popup for the whole map, filled on click: binding a popup to each of tens of
  // thousands of markers costs more than drawing them.
  /** Padding that keeps a popup clear of the controls and of the filter panel when it opens. */
  function popupPadding() {
    const box = map.getContainer().getBoundingClientRect();
    const size = map.getSize();
    let right = 16;
    const pr = panel.getBoundingClientRect();
    // The panel covers the map's right edge: keep popups left of it while there is room.
    if (pr.width > 0 && size.x - (pr.width + 16) >= 320) right = Math.max(16, box.right - pr.left + 12);
    let left = 56;
    const rr = reader.hidden ? null : reader.getBoundingClientRect();
    if (rr && rr.width > 0 && size.x - (rr.right - box.left) - right >= 320) left = rr.right - box.left + 12;
    return {autoPanPaddingTopLeft: L.point(left, 16), autoPanPaddingBottomRight: L.point(right, 24)};
  }

  function openPopupFor(marker) {
    const size = marker.options.icon.options.iconSize[0];
    const maxHeight = Math.max(160, Math.min(380, map.getSize().y - 120));
    const options = Object.assign({maxWidth: 420, minWidth: 260, maxHeight: maxHeight, offset: [0, 7 - size / 2]}, popupPadding());
    return L.popup(options)
      .setLatLng(marker.getLatLng())
      .setContent(popup(marker.geomapGroup))
      .openOn(map);
  }
  cluster.on("click", (e) => openPopupFor(e.layer));

  function safeHref(url) {
    if (typeof url !== "string") return null;
    try {
      const u = new URL(url);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  // " · original ↗" after a document's details, when its url is a safe web link.
  function appendOriginalLink(parent, url) {
    const href = safeHref(url);
    if (!href) return;
    parent.appendChild(document.createTextNode(" \u00b7 "));
    const a = el("a", null, "original \u2197");
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    parent.appendChild(a);
  }

  function highlighted(sentence, text) {
    const q = el("div", "geomap-sentence");
    const s = sentence === null || sentence === undefined ? "" : String(sentence);
    const t = text === null || text === undefined ? "" : String(text);
    const at = t ? s.indexOf(t) : -1;
    if (at >= 0) {
      q.appendChild(document.createTextNode(s.slice(0, at)));
      q.appendChild(el("mark", null, t));
      q.appendChild(document.createTextNode(s.slice(at + t.length)));
    } else {
      if (s) q.appendChild(document.createTextNode(s + " "));
      if (t) q.appendChild(el("mark", null, t));
    }
    return q;
  }

  /** Great-circle distance in km (geomap.gazetteers.distance_km). */
  function distanceKm(lat1, lon1, lat2, lon2) {
    const r = Math.PI / 180;
    const p1 = lat1 * r;
    const p2 = lat2 * r;
    const a = Math.sin((p2 - p1) / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin((lon2 - lon1) * r / 2) ** 2;
    return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  // A mention's review: a "needs review" mark, why it was read as this place, and the
  // readings it was preferred to with their distance from it. All text through textContent.
  function appendReview(li, p, pi) {
    if (p.needs_review === true) {
      li.classList.add("geomap-item-review");
      li.appendChild(el("div", "geomap-review-mark", "needs review"));
    }
    const why = Array.isArray(p.why) ? p.why.filter((x) => x !== null && x !== undefined) : [];
    if (why.length) {
      const box = el("div", "geomap-why");
      box.appendChild(el("span", "geomap-why-head", "why here"));
      const ul = el("ul");
      for (const reason of why) ul.appendChild(el("li", null, String(reason)));
      box.appendChild(ul);
      li.appendChild(box);
    }
    const alts = Array.isArray(p.alternatives) ? p.alternatives.filter((a) => a && typeof a === "object") : [];
    if (alts.length) {
      const box = el("div", "geomap-alternatives");
      box.appendChild(el("span", "geomap-why-head", "runner-ups"));
      const ul = el("ul");
      for (const a of alts) {
        const where = [a.name, a.admin1, a.country_code].filter((x) => x !== null && x !== undefined && x !== "").map(String);
        let line = where.join(", ") || "(unnamed place)";
        const kind = featureWords(a.feature_code);
        if (kind) line += " (" + kind + ")";
        if (typeof a.probability === "number") line += " \u00b7 " + (a.probability < 0.005 ? "< 0.01" : a.probability.toFixed(2));
        const lat = Number(a.lat);
        const lon = Number(a.lon);
        if (Number.isFinite(lat) && Number.isFinite(lon) && a.lat !== null && a.lon !== null) {
          line += " \u00b7 " + Math.round(distanceKm(Number(P.lat[pi]), Number(P.lon[pi]), lat, lon)).toLocaleString("en") + " km away";
        }
        const item = el("li", null, line);
        item.dataset.geonameid = String(a.geonameid);
        ul.appendChild(item);
      }
      box.appendChild(ul);
      li.appendChild(box);
    }
  }

  function popup(group) {
    const root = el("div", "geomap-popup");
    const pi = group.place;
    root.appendChild(el("h3", null, placeLabel(pi)));
    const where = [S[P.admin1[pi]], S[P.country_code[pi]]].filter((x) => x).map(String);
    const fc = S[P.feature_code[pi]];
    const kind = featureWords(fc);
    if (where.length || kind) {
      const line = el("div", "geomap-where", where.join(", "));
      if (kind) {
        if (where.length) line.appendChild(document.createTextNode(" \u00b7 "));
        const k = el("span", "geomap-feature", kind);
        k.title = "GeoNames feature code " + String(fc);
        line.appendChild(k);
      }
      root.appendChild(line);
    }
    const lat = Number(P.lat[pi]);
    const lon = Number(P.lon[pi]);
    const coords = el("div", "geomap-coords", lat.toFixed(4) + ", " + lon.toFixed(4));
    const gid = P.geonameid[pi];
    if (Number.isInteger(gid) && gid > 0) {
      coords.appendChild(document.createTextNode(" \u00b7 "));
      const a = el("a", null, "GeoNames " + gid);
      a.href = "https://www.geonames.org/" + gid;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      coords.appendChild(a);
    }
    root.appendChild(coords);
    const n = group.idx.length;
    const what = group.event ? plural(n, "event") + " by " : plural(n, "mention") + " in ";
    const docsHere = new Set(group.idx.map((i) => F.doc[i])).size;
    root.appendChild(el("div", "geomap-layer", what + group.layerLabel + " (" + plural(docsHere, "document") + ")"));
    const list = el("ol", "geomap-items");
    for (const i of group.idx.slice(0, MAX_POPUP_ITEMS)) {
      const p = props(i);
      const li = el("li");
      li.appendChild(highlighted(p.sentence, p.kind === "event" && p.action ? p.action : p.text));
      if (p.kind === "event") {
        let line = String(p.actor) + (p.action ? " \u2014 " + p.action : "");
        if (p.action_type && p.action_type !== "OTHER") line += " [" + String(p.action_type) + "]";  // PLOVER
        if (p.attributed_to) line += " (according to " + (typeof p.attributed_to === "string" ? p.attributed_to : JSON.stringify(p.attributed_to)) + ")";
        li.appendChild(el("div", "geomap-event", line));
      }
      const meta = el("div", "geomap-meta");
      const title = p.title ? String(p.title) : String(p.doc_id);
      const read = el("button", "geomap-doc geomap-read", title);
      read.type = "button";
      read.title = "Read this document with its places marked";
      read.dataset.doc = String(F.doc[i]);
      read.addEventListener("click", () => openReader(F.doc[i], i));
      meta.appendChild(read);
      const bits = [];
      if (p.source) bits.push(String(p.source));
      if (dateOf[i]) bits.push(dateOf[i]);
      if (p.confidence !== null && p.confidence !== undefined) bits.push("confidence " + Number(p.confidence).toFixed(2));
      if (bits.length) meta.appendChild(document.createTextNode(" \u00b7 " + bits.join(" \u00b7 ")));
      appendOriginalLink(meta, p.url);
      li.appendChild(meta);
      appendReview(li, p, pi);
      list.appendChild(li);
    }
    root.appendChild(list);
    if (n > MAX_POPUP_ITEMS) {
      root.appendChild(el("div", "geomap-more", "\u2026 and " + (n - MAX_POPUP_ITEMS) + " more (Download GeoJSON has them all)"));
    }
    return root;
  }

  // ------------------------------------------------------------ areas

  // Countries and first-level regions mentioned are drawn as their shapes (render._areas
  // joined them by ISO code and name), shaded by the mentions shown; the admin-1 regions
  // of every country with a mapped place are drawn as boundaries on the offline basemap.
  const AREAS = document.getElementById("geomap-areas") ? readJSON("geomap-areas") : {regions: [], areas: []};
  function decodeRing(flat) {
    const out = [];
    let x = 0;
    let y = 0;
    for (let k = 0; k < flat.length; k += 2) {
      x += flat[k];
      y += flat[k + 1];
      out.push([y / 100, x / 100]);
    }
    return out;
  }
  const regionLatLngs = AREAS.regions.map(([, , polys]) => polys.map((rings) => rings.map(decodeRing)));
  map.createPane("geomap-admin1").style.zIndex = 160; // just above the basemap's countries
  map.getPane("geomap-admin1").style.pointerEvents = "none";
  if (regionLatLngs.length) {
    const lines = L.canvas({pane: "geomap-admin1", padding: 0.5});
    const boundaries = L.layerGroup(regionLatLngs.map((ll) => L.polygon(ll, {
      pane: "geomap-admin1", renderer: lines, interactive: false, fill: false,
      color: "#a39d8f", weight: 0.6, dashArray: "3 3",
    })));
    naturalEarth.addLayer(boundaries);
  }
  const areaPane = map.createPane("geomap-areas");
  areaPane.style.zIndex = 390; // under labels and markers
  const areaRenderer = L.svg({pane: "geomap-areas", padding: 0.3});
  const areaLayers = []; // {place, layer}
  const AREA_COLOUR = "#c05a12";
  function addArea(place, latlngs) {
    const layer = L.polygon(latlngs, {
      pane: "geomap-areas", renderer: areaRenderer, color: AREA_COLOUR, weight: 1,
      fillColor: AREA_COLOUR, fillOpacity: 0.2, opacity: 0.6, className: "geomap-area",
    });
    layer.on("click", (e) => openAreaPopup(place, e.latlng));
    layer.addTo(map);
    const path = layer.getElement && layer.getElement();
    if (path) path.dataset.place = String(place);
    areaLayers.push({place: place, layer: layer});
    shadeAreas();
  }
  function geometryLatLngs(g) {
    const ring = (r) => r.map(([lon, lat]) => [lat, lon]);
    if (g.type === "Polygon") return [g.coordinates.map(ring)];
    if (g.type === "MultiPolygon") return g.coordinates.map((poly) => poly.map(ring));
    return null;
  }
  function buildCountryAreas() {
    for (const [place, kind, ref] of AREAS.areas) {
      if (kind !== "c") continue;
      const g = countryGeometry.get(String(ref));
      const ll = g ? geometryLatLngs(g) : null;
      if (ll) addArea(place, ll);
    }
  }
  for (const [place, kind, ref] of AREAS.areas) if (kind === "a") addArea(place, regionLatLngs[ref]);
  if (countriesReady === null) buildCountryAreas(); else countriesReady.push(buildCountryAreas);

  /** Shade each area by the mentions of its place shown under the filter (none: hidden). */
  function shadeAreas() {
    if (!areaLayers.length) return;
    const counts = new Map();
    for (const i of visible) if (!isEvent[i]) counts.set(F.place[i], (counts.get(F.place[i]) || 0) + 1);
    let max = 1;
    for (const a of areaLayers) max = Math.max(max, counts.get(a.place) || 0);
    for (const a of areaLayers) {
      const n = counts.get(a.place) || 0;
      const t = n ? Math.log(n + 1) / Math.log(max + 1) : 0;
      a.layer.setStyle({fillOpacity: n ? 0.1 + 0.45 * t : 0, opacity: n ? 0.7 : 0});
      const path = a.layer.getElement && a.layer.getElement();
      if (path) {
        path.dataset.count = String(n);
        path.style.pointerEvents = n ? "" : "none";
      }
      a.count = n;
    }
  }

  /** The popup of a place's area: every mention of it shown, from all sources. */
  function openAreaPopup(place, latlng) {
    const idx = visible.filter((i) => !isEvent[i] && F.place[i] === place);
    if (!idx.length) return null;
    const group = {place: place, event: false, layerLabel: "all sources shown", idx: idx};
    const options = Object.assign({maxWidth: 420, minWidth: 260, maxHeight: Math.max(160, Math.min(380, map.getSize().y - 120))}, popupPadding());
    return L.popup(options).setLatLng(latlng).setContent(popup(group)).openOn(map);
  }

  // ------------------------------------------------------------ filter panel

  const panel = el("div", "geomap-panel");
  const header = el("div", "geomap-header");
  header.appendChild(el("h2", null, CFG.title));
  const toggle = el("button", "geomap-toggle", "\u2212");
  toggle.type = "button";
  toggle.title = "Hide or show the filters";
  header.appendChild(toggle);
  panel.appendChild(header);
  const body = el("div", "geomap-body");
  panel.appendChild(body);
  toggle.addEventListener("click", () => {
    body.hidden = !body.hidden;
    toggle.textContent = body.hidden ? "+" : "\u2212";
  });
  const summary = el("div", "geomap-summary");
  body.appendChild(summary);
  body.appendChild(notice);

  // ------------------------------------------------------------ legend

  function legend() {
    const box = el("details", "geomap-section geomap-legend");
    box.open = true;
    box.appendChild(el("summary", null, "Legend"));
    const rows = el("ul", "geomap-legend-rows");
    const row = (sample, text) => {
      const li = el("li");
      const s = el("span", "geomap-legend-sample");
      s.appendChild(sample);
      li.appendChild(s);
      li.appendChild(el("span", "geomap-legend-text", text));
      rows.appendChild(li);
      return li;
    };
    const dot = (d, event) => {
      const x = el("div", event ? "geomap-dot geomap-dot-event" : "geomap-dot");
      x.style.width = x.style.height = d + "px";
      x.style.background = event ? "#888" : "#777";
      return x;
    };
    row(dot(14, false), "Circle: a place mentioned, in its source's colour.").dataset.kind = "mention";
    if (hasEvents) row(dot(13, true), "Diamond: an event (who did what there), in its actor's colour.").dataset.kind = "event";
    const sizes = el("span", "geomap-legend-sizes");
    for (const n of [1, 10, 100]) {
      const d = Math.round(Math.min(44, 12 + 5 * Math.log2(n)));
      const wrap = el("span", "geomap-legend-size");
      wrap.appendChild(dot(d, false));
      wrap.appendChild(el("small", null, String(n)));
      sizes.appendChild(wrap);
    }
    row(sizes, "Size: mentions (or events) at the place.").dataset.kind = "size";
    if (reviewTotals[0]) {
      const hollow = dot(14, false);
      hollow.classList.add("geomap-dot-review");
      hollow.style.background = "#fff";
      hollow.style.borderColor = "#777";
      row(hollow, "Hollow, dashed: every mention there needs review; a dashed outline: some do.").dataset.kind = "review";
    }
    if (AREAS.areas.length) {
      const swatch = el("div", "geomap-legend-area");
      row(swatch, "Shaded area: a country or region mentioned; darker, more mentions shown. Click it for them.").dataset.kind = "area";
    }
    const ring = el("div", "geomap-cluster");
    ring.style.width = ring.style.height = "24px";
    ring.style.background = "conic-gradient(#0072B2 0% 60%, #D55E00 60% 100%)";
    ring.appendChild(el("span", null, "7"));
    row(ring, "Nearby markers grouped: their mentions and events; ring: their colours. Click to zoom in.").dataset.kind = "cluster";
    box.appendChild(rows);
    box.appendChild(el("div", "geomap-caption", "A source or actor has the same colour on every map (it comes from the name)."));
    return box;
  }
  body.appendChild(legend());

  function checklist(title, className, entries, order, flags, counts, caption, describe) {
    const section = el("section", "geomap-section " + className);
    const head = el("div", "geomap-section-head");
    head.appendChild(el("h3", null, title));
    const allBtn = el("button", "geomap-all", "all");
    const noneBtn = el("button", "geomap-none", "none");
    allBtn.type = noneBtn.type = "button";
    head.appendChild(allBtn);
    head.appendChild(noneBtn);
    section.appendChild(head);
    section.appendChild(el("div", "geomap-caption", caption));
    let finder = null;
    if (entries.length > 12) {
      finder = el("input", "geomap-finder");
      finder.type = "search";
      finder.placeholder = "find in list";
      section.appendChild(finder);
    }
    const list = el("ul", "geomap-list");
    const rows = [];
    for (const i of order) {
      const e = entries[i];
      const li = el("li");
      const label = el("label");
      const box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.dataset.index = String(i);
      box.addEventListener("change", () => {
        flags[i] = box.checked ? 1 : 0;
        refresh();
      });
      const swatch = el("span", "geomap-swatch");
      swatch.style.background = e.color;
      const name = el("span", "geomap-name", e.label);
      if (e.docId) name.title = "document " + e.docId;
      const count = el("span", "geomap-count");
      label.appendChild(box);
      label.appendChild(swatch);
      label.appendChild(name);
      label.appendChild(count);
      li.appendChild(label);
      list.appendChild(li);
      rows.push({i: i, li: li, box: box, count: count, text: e.label.toLowerCase()});
    }
    section.appendChild(list);
    const setAll = (v) => {
      for (const r of rows) {
        r.box.checked = v === 1;
        flags[r.i] = v;
      }
      refresh();
    };
    allBtn.addEventListener("click", () => setAll(1));
    noneBtn.addEventListener("click", () => setAll(0));
    if (finder) {
      finder.addEventListener("input", () => {
        const q = finder.value.toLowerCase();
        for (const r of rows) r.li.hidden = Boolean(q) && !r.text.includes(q);
      });
    }
    return {section: section, update: () => {
      for (const r of rows) {
        r.count.textContent = String(counts()[r.i]);
        r.count.title = describe(r.i);
      }
    }};
  }

  const sourceList = checklist(
    "Sources", "geomap-sources", SOURCES, sourceOrder, state.sources, () => sourceCounts,
    hasEvents ? "Circles, by colour. Number: mentions and events shown from each source."
      : "Circles, by colour. Number: mentions shown from each source.",
    (s) => {
      const ev = sourceEvents[s];
      return plural(sourceCounts[s] - ev, "place mention") + (hasEvents ? " and " + plural(ev, "event") : "") + " shown";
    });
  body.appendChild(sourceList.section);
  let actorList = null;
  if (hasEvents) {
    const actorOrder = ACTORS.map((_, i) => i);
    actorList = checklist(
      "Actors", "geomap-actors", ACTORS, actorOrder, state.actors, () => actorCounts,
      "Diamonds, by colour: who did something where. Number: events shown by each actor (place mentions for the first entry).",
      (a) => a === 0 ? plural(actorCounts[0], "place mention") + " shown" : plural(actorCounts[a], "event") + " shown");
    body.appendChild(actorList.section);
  }

  const REVIEW = [{label: "Needs review", color: "#fff"}, {label: "Settled", color: "#777"}];
  const reviewList = checklist(
    "Review", "geomap-review", REVIEW, [0, 1], state.review, () => reviewCounts,
    "Needs review: confidence under " + CFG.review.confidence + ", or a runner-up reading within " +
      CFG.review.margin + " of the chosen one; drawn hollow or dashed. Number: mentions and events shown.",
    (k) => reviewCounts[k] + (k === 0 ? " needing review" : " settled") + " shown");
  reviewList.section.querySelector(".geomap-swatch").classList.add("geomap-swatch-review");
  body.appendChild(reviewList.section);

  // ------------------------------------------------------------ documents

  const docFeatures = Array.from({length: NDOCS}, () => []);
  for (let i = 0; i < N; i++) docFeatures[F.doc[i]].push(i);
  function docTitle(d) {
    const t = S[D.title[d]];
    return t === null || t === undefined || t === "" ? String(S[D.doc_id[d]]) : String(t);
  }
  function docDate(d) {
    const v = D.date ? WHEN.get(D.date[d]) : undefined;
    return v === undefined ? "" : v;
  }
  // Newest first, undated last, then by title.
  const docOrder = Array.from({length: NDOCS}, (_, d) => d).sort((a, b) => {
    const da = docDate(a);
    const db = docDate(b);
    if (da !== db) return !da ? 1 : !db ? -1 : da < db ? 1 : -1;
    const ta = docTitle(a);
    const tb = docTitle(b);
    return ta < tb ? -1 : ta > tb ? 1 : a - b;
  });
  let docsShown = docOrder;
  const DOC_ROW = 40; // px: rows have one height, so only those in view are built

  const docSection = el("section", "geomap-section geomap-docs");
  const docHead = el("div", "geomap-section-head");
  docHead.appendChild(el("h3", null, "Documents"));
  const docCount = el("span", "geomap-count");
  docHead.appendChild(docCount);
  docSection.appendChild(docHead);
  docSection.appendChild(el("div", "geomap-caption", "Those with places shown. Click one to read it with its places marked."));
  const docFinder = el("input", "geomap-finder geomap-doc-finder");
  docFinder.type = "search";
  docFinder.placeholder = "find a document by title, source or id";
  if (NDOCS > 8) docSection.appendChild(docFinder);
  const docList = el("div", "geomap-doclist");
  const docSpacer = el("div", "geomap-doclist-spacer");
  docList.appendChild(docSpacer);
  docSection.appendChild(docList);
  body.appendChild(docSection);

  function drawDocRows() {
    const total = docsShown.length;
    docSpacer.style.height = total * DOC_ROW + "px";
    const height = docList.clientHeight || 200;
    const first = Math.max(0, Math.floor(docList.scrollTop / DOC_ROW) - 2);
    const last = Math.min(total, first + Math.ceil(height / DOC_ROW) + 4);
    for (const old of [...docList.querySelectorAll(".geomap-docrow")]) old.remove();
    for (let k = first; k < last; k++) {
      const d = docsShown[k];
      const row = el("button", "geomap-docrow");
      row.type = "button";
      row.style.top = k * DOC_ROW + "px";
      row.dataset.doc = String(d);
      row.appendChild(el("span", "geomap-docrow-title", docTitle(d)));
      const bits = [];
      const src = S[D.source[d]];
      if (src) bits.push(String(src));
      if (docDate(d)) bits.push(docDate(d));
      bits.push(plural(D.places ? D.places[d] : 0, "place"));
      row.appendChild(el("span", "geomap-docrow-meta", bits.join(" \u00b7 ")));
      row.title = docTitle(d);
      row.addEventListener("click", () => openReader(d));
      docList.appendChild(row);
    }
  }
  let docRaf = null;
  docList.addEventListener("scroll", () => {
    if (docRaf === null) docRaf = requestAnimationFrame(() => { docRaf = null; drawDocRows(); });
  });

  function defaultFilter() {
    return !state.query && !state.dateFrom && !state.dateTo && state.minConfidence === 0 &&
      state.actors.every((x) => x === 1);
  }
  function updateDocs() {
    const has = new Uint8Array(NDOCS);
    for (const i of visible) has[F.doc[i]] = 1;
    const plain = defaultFilter();
    const q = docFinder.value.trim().toLowerCase();
    docsShown = docOrder.filter((d) => {
      if (!(has[d] || (plain && docFeatures[d].length === 0 && state.sources[docLayer[d]]))) return false;
      if (!q) return true;
      const src = S[D.source[d]];
      return (docTitle(d) + "\u0000" + (src ? String(src) : "") + "\u0000" + String(S[D.doc_id[d]])).toLowerCase().includes(q);
    });
    docList.style.height = Math.min(200, Math.max(DOC_ROW, docsShown.length * DOC_ROW)) + "px";
    docCount.textContent = docsShown.length + " of " + NDOCS;
    docCount.title = plural(docsShown.length, "document") + " listed of " + NDOCS;
    drawDocRows();
  }
  docFinder.addEventListener("input", () => { docList.scrollTop = 0; updateDocs(); });

  // ------------------------------------------------------------ reader

  let READER;
  function readerEntry(d) {
    if (READER === undefined) {
      const node = document.getElementById("geomap-texts");
      READER = node ? JSON.parse(node.textContent) : [];
    }
    return READER[d] || null;
  }

  const reader = el("div", "geomap-reader");
  reader.hidden = true;
  reader.setAttribute("role", "dialog");
  const readerHead = el("div", "geomap-reader-head");
  const readerTitle = el("h2");
  const readerClose = el("button", "geomap-reader-close", "\u00d7");
  readerClose.type = "button";
  readerClose.title = "Close the document";
  readerHead.appendChild(readerTitle);
  readerHead.appendChild(readerClose);
  reader.appendChild(readerHead);
  const readerMeta = el("div", "geomap-reader-meta");
  reader.appendChild(readerMeta);
  const readerText = el("div", "geomap-reader-text");
  reader.appendChild(readerText);
  map.getContainer().appendChild(reader);
  L.DomEvent.disableClickPropagation(reader);
  L.DomEvent.disableScrollPropagation(reader);
  readerClose.addEventListener("click", () => { reader.hidden = true; readerDoc = -1; });
  let readerDoc = -1;

  /** A highlighted name: clicking it flies to its place and opens its popup. */
  function mentionMark(text, place, d, start) {
    const m = el("mark", place >= 0 ? "geomap-mention" : "geomap-mention geomap-unresolved", text);
    if (start !== undefined && start !== null) m.dataset.start = String(start);
    if (place >= 0) {
      m.dataset.place = String(place);
      m.tabIndex = 0;
      m.setAttribute("role", "button");
      m.title = placeLabel(place) + (featureWords(S[P.feature_code[place]]) ? " (" + featureWords(S[P.feature_code[place]]) + ")" : "") + ": show on the map";
      const go = () => flyToPlace(place, d);
      m.addEventListener("click", go);
      m.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); } });
    } else {
      m.title = "not resolved to a place";
    }
    return m;
  }

  function eventTag(actor, action) {
    const tag = el("span", "geomap-event-tag", "\u25c6 " + String(actor) + (action ? ": " + String(action) : ""));
    tag.title = "event: " + String(actor) + (action ? " \u2014 " + String(action) : "") + " here";
    tag.style.borderLeft = "5px solid " + layerColour(ACTOR_COLOURS, actor);
    return tag;
  }

  function openReader(d, featureIndex) {
    readerDoc = d;
    readerTitle.textContent = docTitle(d);
    readerMeta.textContent = "";
    const bits = [];
    const src = S[D.source[d]];
    if (src) bits.push(String(src));
    if (docDate(d)) bits.push(docDate(d));
    bits.push(plural(D.places ? D.places[d] : 0, "place"));
    readerMeta.appendChild(document.createTextNode(bits.join(" \u00b7 ")));
    appendOriginalLink(readerMeta, S[D.url[d]]);
    readerText.textContent = "";
    const entry = readerEntry(d);
    if (entry) {
      const text = entry.t;
      // Events by the span of the place they happen at.
      const eventsAt = new Map();
      for (const [s0, e0, actor, action] of entry.e) {
        const k = s0 + ":" + e0;
        if (!eventsAt.has(k)) eventsAt.set(k, []);
        eventsAt.get(k).push([actor, action]);
      }
      // Mentions first, then where each event's actor and action are said ("w").
      const spans = entry.m.map((m) => ({s: m[0], e: m[1], place: m[2], start: m[3]}))
        .concat((entry.w || []).map((w) => ({s: w[0], e: w[1], role: w[2], what: w[3]})))
        .sort((a, b) => a.s - b.s || (a.role ? 1 : 0) - (b.role ? 1 : 0) || b.e - a.e);
      const frag = document.createDocumentFragment();
      let at = 0;
      for (const sp of spans) {
        if (sp.s < at) continue; // overlaps the span before
        if (sp.s > at) frag.appendChild(document.createTextNode(text.slice(at, sp.s)));
        if (sp.role) {
          const w = el("span", "geomap-" + (sp.role === "actor" ? "actor" : "action"), text.slice(sp.s, sp.e));
          w.title = (sp.role === "actor" ? "actor of an event: " : "action of an event: ") + String(sp.what);
          frag.appendChild(w);
        } else {
          frag.appendChild(mentionMark(text.slice(sp.s, sp.e), sp.place, d, sp.start));
          for (const [actor, action] of eventsAt.get(sp.s + ":" + sp.e) || []) frag.appendChild(eventTag(actor, action));
        }
        at = sp.e;
      }
      if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
      readerText.appendChild(frag);
      readerText.classList.remove("geomap-reader-sentences");
    } else {
      // No full text in this map: the sentences of its mentions, in order, each once.
      readerText.classList.add("geomap-reader-sentences");
      readerText.appendChild(el("p", "geomap-caption", "The full text is not in this map: these are the sentences that name its places."));
      const seen = new Set();
      for (const i of docFeatures[d]) {
        if (isEvent[i]) continue;
        const sentence = S[F.sentence[i]];
        const key = String(sentence) + "\u0000" + F.start[i];
        if (seen.has(key)) continue;
        seen.add(key);
        const para = el("p");
        const s0 = sentence === null || sentence === undefined ? "" : String(sentence);
        const t = String(S[F.text[i]]);
        const pos = s0.indexOf(t);
        if (pos >= 0) para.appendChild(document.createTextNode(s0.slice(0, pos)));
        para.appendChild(mentionMark(t, F.place[i], d, F.start[i]));
        for (const j of docFeatures[d]) {
          if (isEvent[j] && F.start[j] === F.start[i]) para.appendChild(eventTag(S[F.actor[j]], S[F.action[j]]));
        }
        if (pos >= 0) para.appendChild(document.createTextNode(s0.slice(pos + t.length)));
        readerText.appendChild(para);
      }
    }
    reader.hidden = false;
    readerText.scrollTop = 0;
    if (featureIndex !== undefined && featureIndex !== null) {
      const mark = readerText.querySelector('mark[data-start="' + String(F.start[featureIndex]) + '"]');
      if (mark) {
        mark.classList.add("geomap-current");
        mark.scrollIntoView({block: "center"});
      }
    }
  }

  /** Show a place: its marker for the document's source when shown (unclustered, popup
      open), else fly there. */
  function flyToPlace(place, d) {
    const key = "m" + place + ":" + docLayer[d];
    const entry = markerCache.get(key);
    if (entry && shown.has(key)) {
      cluster.zoomToShowLayer(entry.marker, () => openPopupFor(entry.marker));
    } else {
      map.flyTo([P.lat[place], P.lon[place]], Math.max(map.getZoom(), 6), {duration: 0.6});
    }
  }

  const confSection = el("section", "geomap-section geomap-confidence");
  const confLabel = el("label", null, "Minimum confidence ");
  const confOut = el("output", null, "0.00");
  const slider = el("input", "geomap-slider");
  slider.type = "range";
  slider.min = "0";
  slider.max = "1";
  slider.step = "0.05";
  slider.value = "0";
  confLabel.appendChild(confOut);
  confSection.appendChild(confLabel);
  confSection.appendChild(slider);
  body.appendChild(confSection);

  const searchSection = el("section", "geomap-section geomap-search");
  const search = el("input", "geomap-query");
  search.type = "search";
  search.placeholder = "search text, places, titles\u2026";
  searchSection.appendChild(search);
  body.appendChild(searchSection);

  let fromInput = null;
  let toInput = null;
  let histogram = null;
  if (anyDate) {
    const dates = el("section", "geomap-section geomap-dates");
    const head = el("div", "geomap-section-head");
    head.appendChild(el("h3", null, "Time"));
    const clear = el("button", "geomap-date-clear", "all dates");
    clear.type = "button";
    head.appendChild(clear);
    dates.appendChild(head);
    dates.appendChild(el("div", "geomap-caption",
      "Mentions and events per " + binUnit + " (an event's date, else its document's). Drag across the bars to choose a range; undated ones drop out while a range is set."));
    histogram = el("div", "geomap-histogram");
    const bars = BINS.map((b) => {
      const bar = el("div", "geomap-bar");
      bar.appendChild(el("div", "geomap-bar-fill"));
      histogram.appendChild(bar);
      return bar;
    });
    const brush = el("div", "geomap-brush");
    brush.hidden = true;
    histogram.appendChild(brush);
    dates.appendChild(histogram);
    const axis = el("div", "geomap-axis");
    axis.appendChild(el("span", null, BINS[0].label));
    axis.appendChild(el("span", null, BINS[BINS.length - 1].label));
    dates.appendChild(axis);
    const inputs = el("div", "geomap-date-inputs");
    fromInput = el("input", "geomap-date-from");
    toInput = el("input", "geomap-date-to");
    for (const inp of [fromInput, toInput]) {
      inp.type = "date";
      inp.min = dayIso(minDay);
      inp.max = dayIso(maxDay);
    }
    inputs.appendChild(el("span", null, "From "));
    inputs.appendChild(fromInput);
    inputs.appendChild(el("span", null, " to "));
    inputs.appendChild(toInput);
    dates.appendChild(inputs);
    body.appendChild(dates);

    const binAt = (clientX) => {
      const r = histogram.getBoundingClientRect();
      const k = Math.floor(((clientX - r.left) / r.width) * BINS.length);
      return Math.max(0, Math.min(BINS.length - 1, k));
    };
    const showBrush = () => {
      const lo = state.dateFrom ? binOf(isoDays(state.dateFrom)[0]) : 0;
      const hi = state.dateTo ? binOf(isoDays(state.dateTo)[0]) : BINS.length - 1;
      brush.hidden = !(state.dateFrom || state.dateTo);
      brush.style.left = (100 * lo) / BINS.length + "%";
      brush.style.width = (100 * (hi - lo + 1)) / BINS.length + "%";
    };
    const setRange = (lo, hi) => {
      state.dateFrom = lo === null ? "" : dayIso(BINS[lo].from);
      state.dateTo = hi === null ? "" : dayIso(BINS[hi].to);
      fromInput.value = state.dateFrom;
      toInput.value = state.dateTo;
      refresh();
    };
    let dragFrom = null;
    histogram.addEventListener("pointerdown", (e) => {
      dragFrom = binAt(e.clientX);
      histogram.setPointerCapture(e.pointerId);
      brush.hidden = false;
      brush.style.left = (100 * dragFrom) / BINS.length + "%";
      brush.style.width = 100 / BINS.length + "%";
      e.preventDefault();
    });
    histogram.addEventListener("pointermove", (e) => {
      if (dragFrom === null) return;
      const k = binAt(e.clientX);
      const lo = Math.min(dragFrom, k);
      brush.style.left = (100 * lo) / BINS.length + "%";
      brush.style.width = (100 * (Math.abs(k - dragFrom) + 1)) / BINS.length + "%";
    });
    histogram.addEventListener("pointerup", (e) => {
      if (dragFrom === null) return;
      const k = binAt(e.clientX);
      const lo = Math.min(dragFrom, k);
      const hi = Math.max(dragFrom, k);
      dragFrom = null;
      setRange(lo, hi);
    });
    clear.addEventListener("click", () => setRange(null, null));
    histogram.geomapUpdate = () => {
      let max = 0;
      for (let k = 0; k < BINS.length; k++) max = Math.max(max, binCounts[k]);
      for (let k = 0; k < BINS.length; k++) {
        const n = binCounts[k];
        const inRange = (!state.dateFrom || BINS[k].to >= isoDays(state.dateFrom)[0]) &&
          (!state.dateTo || BINS[k].from <= isoDays(state.dateTo)[1]);
        bars[k].firstChild.style.height = max ? (100 * n) / max + "%" : "0";
        bars[k].classList.toggle("geomap-bar-out", !inRange);
        bars[k].title = BINS[k].label + ": " + (Math.round(n * 10) / 10) + " mentions and events";
        bars[k].dataset.count = String(n);
      }
      showBrush();
    };
  }

  const download = el("button", "geomap-download", "Download GeoJSON");
  download.type = "button";
  download.title = "The mentions shown, as an RFC 7946 FeatureCollection";
  download.addEventListener("click", downloadGeoJSON);
  body.appendChild(download);

  // Sections in reading order: what is shown, then the filters, then the documents.
  for (const cls of ["geomap-sources", "geomap-actors", "geomap-review", "geomap-dates", "geomap-confidence",
    "geomap-search", "geomap-docs", "geomap-download"]) {
    const node = body.querySelector(":scope > ." + cls);
    if (node) body.appendChild(node);
  }

  const Panel = L.Control.extend({
    options: {position: "topright"},
    onAdd: function () {
      L.DomEvent.disableClickPropagation(panel);
      L.DomEvent.disableScrollPropagation(panel);
      return panel;
    },
  });
  new Panel().addTo(map);

  function unresolvedShown() {
    let u = 0;
    for (let d = 0; d < NDOCS; d++) if (state.sources[docLayer[d]]) u += D.unresolved[d];
    return u;
  }

  function updateSummary(markerCount) {
    let events = 0;
    const places = new Set();
    const docs = new Set();
    for (const i of visible) {
      events += isEvent[i];
      places.add(F.place[i]);
      docs.add(F.doc[i]);
    }
    const mentions = visible.length - events;
    const total = N - eventsTotal;
    let text = "Showing " + mentions + " of " + plural(total, "mention");
    if (hasEvents) text += ", " + events + " of " + plural(eventsTotal, "event");
    text += " at " + plural(places.size, "place") + " from " + plural(docs.size, "document") +
      " (" + plural(markerCount, "marker") + ").";
    const u = unresolvedShown();
    if (u) text += " " + (u === 1 ? "1 unresolved mention is" : u + " unresolved mentions are") + " not mapped.";
    summary.textContent = text;
  }
  let eventsTotal = 0;
  for (let i = 0; i < N; i++) eventsTotal += isEvent[i];

  let markerCount = 0;
  function refresh() {
    recompute();
    markerCount = updateMarkers().length;
    sourceList.update();
    if (actorList) actorList.update();
    reviewList.update();
    updateSummary(markerCount);
    updateDocs();
    if (histogram) histogram.geomapUpdate();
    holderInfo = new WeakMap();
    drawLabelsSoon();
    shadeAreas();
  }

  let pending = null;
  function refreshSoon() {
    if (pending !== null) clearTimeout(pending);
    pending = setTimeout(() => { pending = null; refresh(); }, 120);
  }
  slider.addEventListener("input", () => {
    state.minConfidence = Number(slider.value);
    confOut.textContent = state.minConfidence.toFixed(2);
    refreshSoon();
  });
  search.addEventListener("input", () => { state.query = search.value; refreshSoon(); });
  if (fromInput) {
    fromInput.addEventListener("change", () => { state.dateFrom = fromInput.value; refresh(); });
    toInput.addEventListener("change", () => { state.dateTo = toInput.value; refresh(); });
  }

  // ------------------------------------------------------------ start

  timings.panel = performance.now();
  // Set the view before adding markers: markercluster only clusters on a map that has
  // one, and queues (at quadratic cost) whatever it is given before.
  recompute();
  const seen = new Uint8Array(P.lat.length);
  const points = [];
  for (const i of visible) {
    if (!seen[F.place[i]]) {
      seen[F.place[i]] = 1;
      points.push([P.lat[F.place[i]], P.lon[F.place[i]]]);
    }
  }
  if (points.length) {
    // Keep the markers clear of the filter panel when the window is wide enough.
    const size = map.getSize();
    const right = size.x > 2 * panel.offsetWidth ? panel.offsetWidth + 20 : 10;
    map.fitBounds(L.latLngBounds(points), {
      maxZoom: 6, paddingTopLeft: [40, 30], paddingBottomRight: [right, 30], animate: false,
    });
  } else {
    map.setView([20, 0], 2);
  }
  refresh();
  timings.markers = performance.now();

  /* A small API for scripts and tests: the map, the visible FeatureCollection and
     the filter in geomap.export's terms. */
  window.geomap = {
    map: map,
    cluster: cluster,
    featureCollection: visibleFeatureCollection,
    download: downloadGeoJSON,
    filter: filterArgs,
    refresh: refresh,
    /** Zoom until marker n (in cluster.getLayers() order) is unclustered, then open its popup. */
    /** The areas drawn: place, name and the mentions shading it. */
    areas: () => areaLayers.map((a) => ({place: a.place, name: placeLabel(a.place), count: a.count})),
    /** Open the popup of the area of place p at its centre. */
    openArea: (p) => {
      const a = areaLayers.find((x) => x.place === p);
      const pop = a ? openAreaPopup(p, a.layer.getBounds().getCenter()) : null;
      return pop ? pop.getElement().innerText : null;
    },
    /** The place labels drawn now: their text and box in the map's pixels. */
    labels: () => { drawLabels(); return labelsShown.map((l) => ({text: l.text, box: l.box, kind: l.kind})); },
    /** The time histogram: its unit and bars (from/to as ISO days, count under the filter). */
    histogram: () => ({unit: binUnit, bins: BINS.map((b, k) => ({from: dayIso(b.from), to: dayIso(b.to), label: b.label, count: binCounts[k]}))}),
    /** Open document d (its index in the data) in the reader. */
    openDocument: (d) => openReader(d),
    /** The documents listed in the panel, as indexes into the data, in list order. */
    documents: () => docsShown.slice(),
    /** Open a marker's popup where the map is now (no zoom). */
    openPopup: (marker) => openPopupFor(marker),
    openMarker: (n, done) => {
      const m = cluster.getLayers()[n];
      cluster.zoomToShowLayer(m, () => {
        const p = openPopupFor(m);
        if (done) done(p.getElement());
      });
    },
    markers: () => cluster.getLayers().map((m) => {
      const g = m.geomapGroup;
      return {
        kind: g.event ? "event" : "mention",
        layer: g.layerKey,
        lat: P.lat[g.place],
        lon: P.lon[g.place],
        geonameid: P.geonameid[g.place],
        count: g.idx.length,
        review: g.review,
      };
    }),
    ready: true,
    readyAt: performance.now(),
    timings: timings,
  };
  document.documentElement.setAttribute("data-geomap-ready", "1");
})();
