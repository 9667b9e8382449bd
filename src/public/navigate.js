/* global document, setInterval */
// Progressive enhancement only: the navigation page shows the time since it started, server-rendered;
// this ticks it once a second. The page works without it.
const started = document.querySelector('[data-navigate-started]');
const at = Date.parse(started?.getAttribute('data-navigate-started') ?? '');
if (started !== null && !Number.isNaN(at)) {
  setInterval(() => {
    const seconds = Math.max(0, Math.floor((Date.now() - at) / 1000));
    const minutes = Math.floor(seconds / 60);
    started.textContent = minutes === 0 ? `${seconds} s` : `${minutes} min ${seconds % 60} s`;
  }, 1000);
}
