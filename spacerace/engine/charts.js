// Draws the book's charts (see spacerace.charts.chart_html) and offers each one's data and image.
// Appended to the Vega bundle (spacerace/engine/bundle.py), which only pages with a chart load.
(function () {
  "use strict";

  function csvCell(value) {
    const text = value === null || value === undefined ? "" : String(value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  // The rows the chart draws, each column titled as the chart titles it, the source on every row.
  function chartCsv(spec, plan) {
    const rows = (spec.datasets || {})[plan.dataset] || [];
    const fields = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    const header = fields.map((field) => plan.titles[field] || field).concat(["source"]);
    const lines = [header.map(csvCell).join(",")];
    for (const row of rows) {
      lines.push(fields.map((field) => csvCell(row[field])).concat([csvCell(plan.source)]).join(","));
    }
    return lines.join("\r\n") + "\r\n";
  }

  function save(name, url) {
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // The chart as designed (not as fitted to a phone), for slides and reports.
  function image(spec, format) {
    const view = new window.vega.View(window.vega.parse(window.vegaLite.compile(spec).spec), { renderer: "none" });
    return view.toImageURL(format, format === "png" ? 2 : 1).finally(() => view.finalize());
  }

  function button(label, title, action) {
    const element = document.createElement("button");
    element.type = "button";
    element.textContent = label;
    element.title = title;
    element.addEventListener("click", action);
    return element;
  }

  // The phone layout of a chart, for a column `room` pixels wide: legends go below the plot in at
  // most two columns, the width of every view (a single chart, each chart of a concatenation, each
  // panel of a facet) is multiplied by `scale`, titles and axis titles are broken into lines that
  // fit, and colliding axis labels are thinned. Text does not scale with the plots (forPhone sets
  // its phone sizes). The data are shared, not copied.
  const VIEW_KEYS = ["mark", "layer", "vconcat", "hconcat", "concat", "facet", "repeat", "spec", "encoding"];
  const measure = document.createElement("canvas").getContext("2d");

  // Words of `text` (a string or lines) in lines no wider than `room` in this font.
  function wrapped(text, font, room) {
    measure.font = font;
    const lines = [];
    for (const line of [].concat(text)) {
      let current = "";
      for (const word of String(line).split(" ")) {
        const longer = current ? current + " " + word : word;
        if (current && measure.measureText(longer).width > room) {
          lines.push(current);
          current = word;
        } else current = longer;
      }
      lines.push(current);
    }
    return lines;
  }

  function phoneLayout(node, phone, key) {
    if (Array.isArray(node)) return node.map((item) => phoneLayout(item, phone, "item"));
    if (node === null || typeof node !== "object") return node;
    const copy = {};
    for (const [name, value] of Object.entries(node)) {
      copy[name] = name === "datasets" || name === "values" ? value : phoneLayout(value, phone, name);
    }
    if (key === "axis" && copy.labelOverlap === undefined) copy.labelOverlap = true;  // hide every other label if they collide
    if (key === "legend") {
      Object.assign(copy, { orient: copy.orient === "top" ? "top" : "bottom", columns: Math.min(copy.columns || phone.legendColumns, phone.legendColumns) });
    }
    if ((key === "x" || key === "y") && typeof copy.title === "string") {
      copy.title = wrapped(copy.title, phone.axisTitleFont, phone.room * 0.6);
    }
    const view = VIEW_KEYS.some((name) => name in copy);
    if (view && typeof copy.width === "number") copy.width = Math.max(40, Math.floor(copy.width * phone.scale));
    if (view && copy.title) {  // the chart's title, and those of the charts it puts together
      const title = typeof copy.title === "object" && !Array.isArray(copy.title) ? Object.assign({}, copy.title) : { text: copy.title };
      const room = key === undefined ? phone.room - 10 : phone.room * 0.6;  // a part's title starts where its plot does
      title.text = wrapped(title.text, phone.titleFont, room);
      if (title.subtitle) title.subtitle = wrapped(title.subtitle, phone.subtitleFont, room);
      copy.title = title;
    }
    return copy;
  }

  function forPhone(spec, scale, room, legendColumns = 2) {
    const config = Object.assign({}, spec.config);
    // Phone text: the book's projector sizes (14-20 px) times 0.8, never under 11 px.
    const smaller = (style) => Object.fromEntries(["labelFontSize", "titleFontSize", "fontSize", "subtitleFontSize"]
      .filter((name) => name in style).map((name) => [name, Math.max(11, Math.round(style[name] * 0.8))]));
    for (const part of ["axis", "legend", "header", "title", "text"]) config[part] = Object.assign({}, config[part], smaller(config[part] || {}));
    const family = config.font || "sans-serif";
    // Long axis labels end in an ellipsis (the tooltip has them whole).
    config.axis.labelLimit = Math.min(config.axis.labelLimit || 180, Math.floor(room * 0.4));
    config.legend.labelLimit = Math.min(config.legend.labelLimit || 160, Math.floor(room * 0.4));  // two columns fit
    config.header.labelLimit = Math.floor(room * 0.9);
    config.axis.labelOverlap ??= true;
    const style = config.title;
    const phone = {
      scale: scale, room: room, legendColumns: legendColumns,
      axisTitleFont: `bold ${config.axis.titleFontSize || 11}px ${family}`,
      titleFont: `bold ${style.fontSize || 13}px ${family}`,
      subtitleFont: `${style.subtitleFontSize || 12}px ${family}`,
    };
    const layout = phoneLayout(spec, phone);
    config.legend = phoneLayout(config.legend, phone, "legend");  // also the legends placed by default
    // Two legends under a plot are stacked, not side by side (Vega's legend layout, passed through).
    config.legend.layout = { bottom: { direction: "vertical", anchor: "start" }, top: { direction: "vertical", anchor: "start" } };
    layout.config = config;
    return layout;
  }

  const MIN_SCALE = 0.35;  // narrower than this, a plot is no longer worth reading

  function widthOf(element) {
    const svg = element.querySelector("svg");
    return svg ? svg.getBoundingClientRect().width : 0;
  }

  // A chart wider than its column (on a phone) is drawn again in its phone layout, its views
  // narrowed until it fits. Text does not scale and plots do, so each drawing tells how many
  // pixels a step of `scale` gains, and the next step aims at the column (6 px spare: tick
  // labels move as a plot narrows). A chart that still does not fit gets its legends in one column;
  // if it is still too wide (a panel header wider than the column), it keeps its narrowest layout
  // and scrolls in its own box.
  async function fitToColumn(element, spec, options, result) {
    const room = element.parentElement ? element.parentElement.clientWidth - 2 : 0;
    if (!room || widthOf(element) <= room) return result;
    let current = result;
    const drawn = async (layout) => {
      current.finalize();
      current = await window.vegaEmbed(element, layout, options);
      return widthOf(element);
    };
    let scale = 1;
    let width = await drawn(forPhone(spec, scale, room));
    let plots = 0;  // pixels of width per unit of scale
    for (let tries = 0; width > room && tries < 4; tries++) {
      const aim = plots > 0 ? scale - (width - room + 6) / plots : (scale * room) / width;
      const next = Math.max(MIN_SCALE, aim);  // (the aim can overshoot when another part was the widest)
      if (next >= scale) break;
      const narrower = await drawn(forPhone(spec, next, room));
      plots = (width - narrower) / (scale - next);
      [scale, width] = [next, narrower];
      if (plots <= 0) break;  // the plots no longer set the width
    }
    if (width > room && (await drawn(forPhone(spec, scale, room, 1))) > width) {
      await drawn(forPhone(spec, scale, room));  // legends in one column were no narrower
    }
    return current;
  }

  // A chart drawn at build time (spacerace/engine/prerender.py) stays on screen while the
  // interactive one is drawn apart, then gives it its place.
  function embed(element, spec, options) {
    if (!element.hasAttribute("data-prerendered")) return window.vegaEmbed(element, spec, options);
    const fresh = document.createElement("div");
    return window.vegaEmbed(fresh, spec, options).then((result) => {
      element.removeAttribute("data-prerendered");
      element.replaceChildren(fresh);
      return result;
    });
  }

  // A picture (role "img") must not hold controls: a chart with menus or sliders is a group,
  // named by the same label.
  function withControls(element) {
    if (element.querySelector("input, select, textarea, button")) element.setAttribute("role", "group");
  }

  function draw(element, spec) {
    const options = { actions: false, renderer: "svg" };
    return embed(element, spec, options).then((result) => {
      withControls(element);
      return fitToColumn(element, spec, options, result);
    });
  }

  function withDownloads(element, spec, plan) {
    return draw(element, spec).then(() => {
      const bar = document.createElement("div");
      bar.className = "spacerace-downloads";
      bar.setAttribute("role", "group");
      bar.setAttribute("aria-label", "Download this chart");
      bar.append(
        button("Data (CSV)", "The rows this chart draws, with units and sources", () => {
          const blob = new Blob([chartCsv(spec, plan)], { type: "text/csv;charset=utf-8" });
          const url = URL.createObjectURL(blob);
          save(plan.file + ".csv", url);
          setTimeout(() => URL.revokeObjectURL(url), 1000);
        }),
        button("PNG", "The chart as a picture, 2x for slides", () => image(spec, "png").then((url) => save(plan.file + ".png", url))),
        button("SVG", "The chart as a vector drawing", () => image(spec, "svg").then((url) => save(plan.file + ".svg", url)))
      );
      element.after(bar);
    });
  }

  // Charts are drawn one at a time, those on screen first, each after a frame has been painted:
  // a reader sees the first chart as soon as it is drawn, not after the last one on the page.
  const waiting = [];
  let drawing = false;

  function onScreen(item) {
    const box = item.element.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  }

  function afterPaint(next) {
    if (document.hidden) setTimeout(next, 0);
    else requestAnimationFrame(() => setTimeout(next, 0));
  }

  function drawNext() {
    if (drawing || !waiting.length) return;
    const item = waiting.splice(Math.max(0, waiting.findIndex(onScreen)), 1)[0];
    drawing = true;
    withDownloads(item.element, item.spec, item.plan)
      .catch((error) => console.error("chart not drawn:", error))
      .finally(() => {
        drawing = false;
        afterPaint(drawNext);
      });
  }

  // Large datasets by digest: a dataset that two charts of a page draw (two maps, one set of
  // borders) comes with the first of them only (spacerace.charts.chart_html).
  const carried = {};

  // Datasets written as column names and rows of values (spacerace.charts._by_columns) become
  // rows of named fields again, as Vega-Lite reads them.
  function asRows(table) {
    if (Array.isArray(table)) return table;
    return table.rows.map((values) => Object.fromEntries(table.columns.map((column, i) => [column, values[i]])));
  }

  function withSharedData(spec, plan) {
    spec.datasets = spec.datasets || {};
    for (const name of Object.keys(spec.datasets)) spec.datasets[name] = asRows(spec.datasets[name]);
    for (const [name, digest] of Object.entries(plan.shared || {})) {
      if (name in spec.datasets) carried[digest] = spec.datasets[name];
      else if (digest in carried) spec.datasets[name] = carried[digest];
      else return false;
    }
    return true;
  }

  window.spaceraceChart = function (id, spec, plan) {
    const element = document.getElementById(id);
    if (!element) return;
    if (!withSharedData(spec, plan)) {
      element.textContent = "This chart's data come with an earlier chart of the page, which is missing.";
      return;
    }
    waiting.push({ element: element, spec: spec, plan: plan });
    if (waiting.length === 1 && !drawing) setTimeout(drawNext, 0);  // once every chart has asked
  };
  window.spaceraceChartCsv = chartCsv;
})();
