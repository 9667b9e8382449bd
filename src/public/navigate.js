/* global document, setInterval, HTMLElement */
// Progressive enhancement only: every navigation page works without this script.
// 1. The time since the navigation started is server-rendered; this ticks it once a second.
// 2. Access keys: browsers differ (Alt, Alt + Shift, Ctrl + Option), and some only act on a typed
//    character; this makes Alt + key (with or without Shift) press or focus the element with that access
//    key in every browser, by the physical key, so Option + key on a Mac works too.
const started = document.querySelector('[data-navigate-started]');
const at = Date.parse(started?.getAttribute('data-navigate-started') ?? '');
if (started !== null && !Number.isNaN(at)) {
  setInterval(() => {
    const seconds = Math.max(0, Math.floor((Date.now() - at) / 1000));
    const minutes = Math.floor(seconds / 60);
    started.textContent = minutes === 0 ? `${seconds} s` : `${minutes} min ${seconds % 60} s`;
  }, 1000);
}

document.addEventListener('keydown', (event) => {
  const key = /^(?:Key|Digit)([A-Z0-9])$/.exec(event.code)?.[1]?.toLowerCase();
  if (!event.altKey || event.ctrlKey || event.metaKey || key === undefined) {
    return;
  }
  const target = document.querySelector(`[accesskey="${key}"]`);
  if (!(target instanceof HTMLElement)) {
    return;
  }
  event.preventDefault();
  if (target.matches('button, a, input[type="checkbox"], input[type="radio"]')) {
    target.click();
  } else {
    target.focus();
  }
});
