// The dashboard's charts, drawn with Chart.js from the series the page embeds as JSON (#chart-data).
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); } }
  ready(function () {
    var source = document.getElementById("chart-data");
    if (!source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var lang = document.documentElement.lang || "id";
    var rupiah = new Intl.NumberFormat(lang, { notation: "compact", maximumFractionDigits: 1 });
    var money = function (value) { return "Rp" + rupiah.format(value); };
    var labels = data.labels;
    var colours = { value: "#0d6efd", valueLight: "rgba(13, 110, 253, 0.45)", pdn: "#198754", local: "#fd7e14", umk: "#6f42c1" };

    function draw(id, config) {
      var canvas = document.getElementById(id);
      if (canvas) { new Chart(canvas, config); }
    }
    draw("chart-trend", {
      data: {
        labels: data.trend.labels,
        datasets: [
          // The lowest `order` is drawn on top: the share lines stay visible over the bars.
          { type: "bar", label: labels.value, data: data.trend.value, backgroundColor: colours.valueLight, yAxisID: "y", order: 2 },
          { type: "line", label: labels.pdn, data: data.trend.pdn, borderColor: colours.pdn, backgroundColor: colours.pdn, yAxisID: "share", spanGaps: true, order: 1 },
          { type: "line", label: labels.local, data: data.trend.local, borderColor: colours.local, backgroundColor: colours.local, yAxisID: "share", spanGaps: true, order: 1 },
          { type: "line", label: labels.umk, data: data.trend.umk, borderColor: colours.umk, backgroundColor: colours.umk, yAxisID: "share", spanGaps: true, order: 1 }
        ]
      },
      options: {
        animation: false, maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, ticks: { callback: money } },
          share: { position: "right", min: 0, max: 100, grid: { drawOnChartArea: false }, ticks: { callback: function (v) { return v + "%"; } } }
        }
      }
    });
    draw("chart-region", {
      type: "bar",
      data: { labels: data.region.labels, datasets: [
        { label: labels.value, data: data.region.value, backgroundColor: colours.value },
        { label: labels.local_value, data: data.region.local, backgroundColor: colours.local }
      ] },
      options: { animation: false, maintainAspectRatio: false, indexAxis: "y", scales: { x: { beginAtZero: true, ticks: { callback: money } } } }
    });
    draw("chart-buyer-type", {
      type: "bar",
      data: { labels: data.buyer_type.labels, datasets: [{ label: labels.value, data: data.buyer_type.value, backgroundColor: colours.value }] },
      options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { callback: money } } } }
    });
  });
})();
