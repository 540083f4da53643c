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

  // A single view wider than the column (a phone) is drawn again, its plot narrowed by exactly
  // what overflowed: axis labels, legends and text keep their size. Layouts of several views, and
  // views whose title alone is wider than the column, keep their size and scroll in their own box.
  function narrowed(spec, overflow) {
    const single = !["hconcat", "vconcat", "concat", "facet", "repeat"].some((key) => key in spec);
    if (!single || typeof spec.width !== "number" || overflow <= 1) return null;
    const width = Math.max(120, Math.floor(spec.width - overflow - 2));
    return width < spec.width ? Object.assign({}, spec, { width: width }) : null;
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
      const svg = element.querySelector("svg");
      const room = element.parentElement ? element.parentElement.clientWidth : 0;
      const smaller = svg && room ? narrowed(spec, svg.getBoundingClientRect().width - room) : null;
      if (!smaller) return result;
      result.finalize();
      return window.vegaEmbed(element, smaller, options);
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
