// Wall screens run unattended for weeks: nobody is there to click "Retry". So Blazor is started
// here (App.razor loads blazor.web.js with autostart="false") to retry forever with back-off, and
// when the server no longer knows this screen's circuit (it restarted, or was redeployed) the page
// reloads by itself as soon as the server answers again. While disconnected, <html> carries
// kiosk-disconnected (kiosk.css greys every tile) and the banner says what is going on.
(() => {
  'use strict';

  const banner = document.getElementById('components-reconnect-modal');
  const root = document.documentElement;
  const DISCONNECTED = 'kiosk-disconnected';
  // After this many attempts (about 3 s) it is no blip: say plainly the screen is not updating.
  const UNREACHABLE_FROM_ATTEMPT = 4;
  // After a circuit error, wait before reloading so a page that keeps failing cannot hammer the server.
  const AFTER_ERROR_MS = 10_000;

  // At once, then 1 s, 2 s, 4 s, 8 s, then every 10 s, for ever: quick after a blip or a failover,
  // gentle during a long outage. The first attempt goes at once because behind a proxy another replica
  // can answer it right away (FailoverTests, the bench's failover mode). Blazor counts these waits in
  // whole seconds (a 500 ms wait lasts 1 s), so they are whole seconds.
  const backoff = attempt => attempt === 0 ? 0 : Math.min(10_000, 1_000 * 2 ** (attempt - 1));

  function showDown(unreachable) {
    root.classList.add(DISCONNECTED);
    root.style.setProperty('--kiosk-stale-text', JSON.stringify(banner.dataset.stale || ''));
    banner.dataset.state = unreachable ? 'unreachable' : 'reconnecting';
    banner.textContent = unreachable ? banner.dataset.unreachable : banner.dataset.reconnecting;
  }

  function showUp() {
    root.classList.remove(DISCONNECTED);
    banner.dataset.state = 'connected';
    banner.textContent = '';
  }

  // A wait that a reason to hurry (page shown again, network back) can cut short.
  let hurry = () => {};
  const sleep = ms => new Promise(resolve => {
    const timer = setTimeout(resolve, ms);
    hurry = () => { clearTimeout(timer); resolve(); };
  });

  // The circuit is gone for good: reload once the server serves this page again. Asking for the
  // page itself (not /health) means a proxy's 502 or a half-started app does not count as "back".
  let reloading = false;
  async function reloadWhenServerAnswers(firstWaitMs = 0, unreachable = true) {
    if (reloading) {
      return;
    }
    reloading = true;
    showDown(unreachable);
    if (firstWaitMs > 0) {
      await sleep(firstWaitMs);
    }
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(location.href, { cache: 'no-store', credentials: 'same-origin' });
        if (response.ok) {
          location.reload();
          return;
        }
      } catch {
        // Not reachable yet: try again after the back-off.
      }
      showDown(true);
      // The page was asked for at once: the next try waits at least 1 s.
      await sleep(backoff(attempt + 1));
    }
  }

  banner.addEventListener('components-reconnect-state-changed', event => {
    const detail = event.detail || {};
    switch (detail.state) {
      case 'show':
        showDown(false);
        break;
      case 'retrying':
        showDown(detail.currentAttempt >= UNREACHABLE_FROM_ATTEMPT);
        break;
      case 'hide':
        showUp();
        break;
      case 'paused':
        // A paused circuit (e.g. paused by the server) can resume without losing the screen.
        showDown(false);
        Blazor.resumeCircuit().then(resumed => { if (!resumed) reloadWhenServerAnswers(); }, () => reloadWhenServerAnswers());
        break;
      case 'rejected': // the server answered but has no such circuit: it restarted
      case 'failed': // retries ran out (they should not: maxRetries is infinite)
      case 'resume-failed':
        reloadWhenServerAnswers();
        break;
    }
  });

  // Blazor shows #blazor-error-ui when the circuit dies of an unhandled error: the screen would
  // freeze silently, so treat it like a lost circuit.
  const errorUi = document.getElementById('blazor-error-ui');
  if (errorUi) {
    new MutationObserver(() => {
      if (errorUi.style.display && errorUi.style.display !== 'none') {
        reloadWhenServerAnswers(AFTER_ERROR_MS, false);
      }
    }).observe(errorUi, { attributes: true, attributeFilter: ['style'] });
  }

  // A page shown again or a network back: try now rather than at the end of a long back-off.
  // Blazor's own retry wait ends early on a visibilitychange to visible, so "online" re-sends one.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      hurry();
    }
  });
  window.addEventListener('online', () => {
    hurry();
    if (!reloading && root.classList.contains(DISCONNECTED) && document.visibilityState === 'visible') {
      document.dispatchEvent(new Event('visibilitychange'));
    }
  });

  Blazor.start({
    circuit: {
      reconnectionOptions: {
        maxRetries: Infinity,
        retryIntervalMilliseconds: backoff,
      },
    },
  }).catch(() => reloadWhenServerAnswers());
})();
