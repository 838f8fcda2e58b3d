// Measurement probe that ViewerBenchmark runs in the viewer page (through WebDriver, so the page's
// Content-Security-Policy does not apply to it). It only observes: the viewer's own code is unchanged.
// window.__bench.longTasks: every 'longtask' (> 50 ms on the main thread) since installLongTasks(),
//   as [ms after installLongTasks(), duration ms].
// window.__bench.frames: one row per live-view draw that showed new entries:
//   [wall ms, new entries, lag of the oldest new entry ms, lag of the newest ms, ring size, DOM rows,
//    ms the draw itself took on the main thread].
(() => {
  const b = window.__bench || (window.__bench = {});

  b.installLongTasks = () => {
    b.longTasks = [];
    const since = performance.now();
    if (b.observer) b.observer.disconnect();
    b.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push([e.startTime - since, e.duration]);
    });
    b.observer.observe({ type: 'longtask' });
  };

  /** Wraps the live view's draw(): after each frame's rows are built, the lag of what it added. */
  b.installLiveProbe = () => {
    const v = window.platformLogsViewer.live;
    b.frames = [];
    let seen = v.ring.size + v.ring.dropped;
    const draw = v.draw;
    v.draw = function () {
      const t0 = performance.now();
      draw.call(v);
      const took = performance.now() - t0;
      const now = Date.now();
      const total = v.ring.size + v.ring.dropped;
      const fresh = total - seen;
      seen = total;
      if (fresh <= 0 || v.ring.size === 0) return;
      const oldest = v.ring.get(Math.max(0, v.ring.size - fresh));
      const newest = v.ring.get(v.ring.size - 1);
      b.frames.push([now, fresh, now - Date.parse(oldest.timestamp), now - Date.parse(newest.timestamp),
        v.ring.size, document.querySelectorAll('#live-rows .row').length, took]);
    };
  };

  b.liveSummary = () => {
    const v = window.platformLogsViewer.live;
    return {
      ringSize: v.ring.size, capacity: v.ring.capacity, dropped: v.ring.dropped,
      domRows: document.querySelectorAll('#live-rows .row').length,
      heap: performance.memory ? performance.memory.usedJSHeapSize : -1,
      status: document.querySelector('#live-status').textContent,
    };
  };

  /**
   * Applies the given filters through the form and clicks Apply, as a person would; resolves with
   * the ms from the click to the frame after the first page's rows are in the DOM.
   */
  b.timeQuery = (f, done) => {
    for (const i of document.querySelectorAll('input[name=level]')) i.checked = f.level.includes(i.value);
    document.querySelector('#f-service').value = f.service;
    document.querySelector('#f-q').value = f.q;
    document.querySelector('#f-range').value = f.range;
    const status = document.querySelector('#query-status');
    let t0 = 0;
    const mo = new MutationObserver(() => {
      const s = status.dataset.state;
      if (s !== 'more' && s !== 'done' && s !== 'error') return;
      mo.disconnect();
      // The rows are in the DOM; the frame that paints them is the next one.
      requestAnimationFrame(() => setTimeout(() => done({
        ms: performance.now() - t0, state: s, rows: document.querySelectorAll('#rows .row').length,
        status: status.textContent,
      }), 0));
    });
    mo.observe(status, { attributes: true, attributeFilter: ['data-state'] });
    t0 = performance.now();
    document.querySelector('#apply').click();
  };

  /** The anchor: the same first page fetched by the page and parsed, nothing drawn. */
  b.timeFetch = async (search, done) => {
    const t0 = performance.now();
    const r = await fetch('/api/logs?' + search, {
      headers: { Authorization: 'Bearer ' + sessionStorage.getItem('platform-logs-key') }, cache: 'no-store',
    });
    const page = await r.json();
    done({ ms: performance.now() - t0, status: r.status, rows: (page.entries || []).length });
  };
})();
