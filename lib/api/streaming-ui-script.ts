// The dashboard's browser script (served as /static/dashboard.js, plain ES2017, no build step): it
// reads the chart list the query page embeds, fetches the query's figures from the JSON endpoint
// and draws each chart with uPlot; while the query is active it fetches again every two seconds and
// hands the new figures to the same charts (uPlot's setData), then stops once the query has ended.
// The charts are kept in `window.rivuletCharts` (title -> uPlot instance) for tests and tinkering.
export const DASHBOARD_SCRIPT = String.raw`(function () {
  'use strict';
  var COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd'];
  var root = document.getElementById('charts');
  var runId = root.getAttribute('data-run-id');
  var specs = JSON.parse(document.getElementById('chart-specs').textContent);
  var charts = {};
  window.rivuletCharts = charts;
  window.rivuletDashboard = { updates: 0, query: null };

  function fmt(v) {
    return v == null ? '--' : v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  }
  function pick(batch, field) {
    var v = batch;
    field.split('.').forEach(function (k) { v = v == null ? null : v[k]; });
    return v == null ? null : v;
  }
  function columns(spec, batches) {
    var x = batches.map(function (b) { return b.batchId; });
    return [x].concat(spec.series.map(function (s) {
      return batches.map(function (b) { return pick(b, s.field); });
    }));
  }
  function options(spec) {
    return {
      title: spec.title + ' (' + spec.unit + ')',
      width: 560,
      height: 230,
      scales: { x: { time: false } },
      series: [{ label: 'batch', value: function (u, v) { return v == null ? '--' : String(v); } }].concat(spec.series.map(function (s, k) {
        return { label: s.name, stroke: COLORS[k % COLORS.length], width: 1.5, points: { show: true, size: 6 }, value: function (u, v) { return fmt(v); } };
      })),
      axes: [
        { label: 'batch', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] },
        { label: spec.unit, size: 70, values: function (u, vals) { return vals.map(fmt); } }
      ]
    };
  }
  function draw(q) {
    specs.forEach(function (spec) {
      var data = columns(spec, q.batches);
      if (charts[spec.title]) {
        charts[spec.title].setData(data);
      } else {
        var el = root.querySelector('[data-chart="' + spec.title + '"]');
        charts[spec.title] = new uPlot(options(spec), data, el);
      }
    });
    document.getElementById('status').textContent = q.status;
    var error = document.getElementById('error');
    error.hidden = !q.lastException;
    error.querySelector('pre').textContent = q.lastException || '';
    window.rivuletDashboard.query = q;
    window.rivuletDashboard.updates++;
  }
  function poll() {
    fetch('/api/streaming/query/?id=' + encodeURIComponent(runId), { cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (q) {
        if (q) {
          draw(q);
          if (q.status !== 'ACTIVE') return;
        }
        setTimeout(poll, 2000);
      }, function () { setTimeout(poll, 2000); });
  }
  poll();
})();
`;
