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

  // A single view wider than its box is drawn to the box's width (text keeps its size); layouts
  // of several views keep theirs and scroll inside their own box.
  function fitted(spec, room) {
    const single = !["hconcat", "vconcat", "concat", "facet", "repeat"].some((key) => key in spec);
    if (!single || typeof spec.width !== "number" || !room || spec.width + 120 <= room) return spec;
    return Object.assign({}, spec, { width: room, autosize: { type: "fit", contains: "padding" } });
  }

  window.spaceraceChart = function (id, spec, plan) {
    const element = document.getElementById(id);
    if (!element) return;
    window.vegaEmbed(element, fitted(spec, element.clientWidth), { actions: false, renderer: "svg" }).then(() => {
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
  };
  window.spaceraceChartCsv = chartCsv;
})();
